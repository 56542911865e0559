package io.tradingrt.cluster;

/**
 * One node's side of one lease, without I/O: given the stored record at each poll, it says whether to take, renew,
 * give up or drop the lease, and whether this node may act on it right now. The caller performs each step as one
 * compare-and-set on the lease map and reports the outcome. Time is the node's own monotonic clock (nanoseconds), so
 * no two machines' wall clocks are ever compared.
 *
 * <p>The timing that keeps two holders from acting at once: a holder may act for {@code 2/3} of the lease after the
 * start of its last successful renewal; a standby takes over only after it saw the same record unchanged for a whole
 * lease, or {@code 2/3} of a lease after it saw the holder leave the cluster. A holder that cannot renew (frozen,
 * cut off, its cluster too small to write) stops acting by itself when its time runs out, before anyone else may
 * take over — that is the fence. A holder whose time ran out keeps its roles, fenced, and acts again when a
 * renewal succeeds (a successful compare-and-set proves nobody took over meanwhile); it stops them when the record
 * names another holder, or when it could not renew for two more leases. See docs/cluster.md.
 */
public final class LeaseKeeper {

  /** What the caller should do with the lease now. */
  public enum Step {
    /** nothing to do */
    NONE,
    /** compare-and-set {@code expected} → {@code next}; on success call {@link #acquired} and start the roles */
    ACQUIRE,
    /** compare-and-set {@code expected} → {@code next}; on success call {@link #renewed} */
    RENEW,
    /** stop the roles first, then compare-and-set {@code expected} → {@code next} and call {@link #released} */
    RELEASE,
    /** the lease is gone (taken by another, or not renewed for long): stop the roles now */
    LOST
  }

  public record Decision(Step step, LeaseRecord expected, LeaseRecord next, String why) {
    static final Decision NONE = new Decision(Step.NONE, null, null, "");
  }

  private final String selfId;
  private final String selfName;
  private final long leaseNanos;
  private final long actNanos;
  /** How long after its time ran out a holder that cannot renew keeps its roles (fenced) before it stops them. */
  private final long giveUpNanos;

  /** Written by the polling thread, read by every order's fence check. */
  private volatile boolean holding;
  private volatile long actUntilNanos;
  private LeaseRecord mine;
  private LeaseRecord lastSeen;
  private long lastSeenSinceNanos;
  private long holderGoneSinceNanos = -1;
  private long observedNanos = Long.MIN_VALUE;

  public LeaseKeeper(String selfId, String selfName, long leaseMillis) {
    if (leaseMillis < 300) {
      throw new IllegalArgumentException("a lease must last at least 300 ms, got " + leaseMillis);
    }
    this.selfId = selfId;
    this.selfName = selfName;
    this.leaseNanos = leaseMillis * 1_000_000L;
    this.actNanos = leaseNanos * 2 / 3;
    this.giveUpNanos = leaseNanos * 2;
  }

  /** How often the caller should poll: six times a lease, so a holder renews three times before its time is up. */
  public long pollMillis() {
    return Math.max(50, leaseNanos / 6 / 1_000_000L);
  }

  private long pollNanos() {
    return pollMillis() * 1_000_000L;
  }

  /** Whether this node holds the lease and its time has not run out (the fence, read on every order). */
  public boolean acting(long nowNanos) {
    return holding && nowNanos - actUntilNanos < 0;
  }

  /** The record this node holds, or null. */
  public LeaseRecord held() {
    return mine;
  }

  /**
   * @param stored the record in the lease map, or null
   * @param holderIsMember whether the stored record's holder is a member of the cluster now
   * @param wanted whether this node should hold the lease (eligible, and the placement picks it)
   */
  public Decision decide(LeaseRecord stored, boolean holderIsMember, boolean wanted, long nowNanos) {
    if (!stored(stored).equals(stored(lastSeen))) {
      lastSeen = stored;
      lastSeenSinceNanos = nowNanos;
    }
    // "gone since" counts only while watched without a gap: a holder may have come back and renewed meanwhile
    boolean watched = observedNanos != Long.MIN_VALUE && nowNanos - observedNanos <= 2 * pollNanos();
    observedNanos = nowNanos;
    if (stored != null && !stored.released() && !holderIsMember) {
      if (holderGoneSinceNanos < 0 || !watched) {
        holderGoneSinceNanos = nowNanos;
      }
    } else {
      holderGoneSinceNanos = -1;
    }
    if (mine != null) {
      if (stored == null || !stored.holderId().equals(selfId) || stored.term() != mine.term() || stored.released()) {
        drop();
        return new Decision(Step.LOST, null, null, stored == null ? "the lease disappeared"
            : "taken by " + stored.holderName() + " (term " + stored.term() + ")");
      }
      if (nowNanos - actUntilNanos >= giveUpNanos) {
        drop();
        return new Decision(Step.LOST, null, null, "not renewed for " + (actNanos + giveUpNanos) / 1_000_000 + " ms");
      }
      return wanted ? new Decision(Step.RENEW, stored, stored.renewed(), "")
          : new Decision(Step.RELEASE, stored, stored.release(), "no longer placed here");
    }
    if (!wanted) {
      return Decision.NONE;
    }
    String why = free(stored, nowNanos);
    return why == null ? Decision.NONE
        : new Decision(Step.ACQUIRE, stored, LeaseRecord.grant(stored, selfId, selfName, System.currentTimeMillis()),
            why);
  }

  /** Why the lease may be taken now, or null while someone else holds it. */
  private String free(LeaseRecord stored, long nowNanos) {
    if (stored == null) {
      return "nobody held it";
    }
    if (stored.released()) {
      return "released by " + stored.holderName();
    }
    if (stored.holderId().equals(selfId)) {
      return "held by this node before";
    }
    if (holderGoneSinceNanos >= 0 && nowNanos - holderGoneSinceNanos >= actNanos) {
      return "after " + stored.holderName() + " left";
    }
    if (nowNanos - lastSeenSinceNanos >= leaseNanos) {
      return "after " + stored.holderName() + " stopped renewing for " + leaseNanos / 1_000_000 + " ms";
    }
    return null;
  }

  /**
   * The lease map could not be read at this poll (the cluster is too small, a member does not answer): a holder
   * keeps its roles, fenced, while its time is up, and gives the lease up once it could not renew for a while.
   */
  public Decision unreachable(long nowNanos) {
    if (mine != null && nowNanos - actUntilNanos >= giveUpNanos) {
      drop();
      return new Decision(Step.LOST, null, null, "the lease map was out of reach for "
          + (actNanos + giveUpNanos) / 1_000_000 + " ms");
    }
    return Decision.NONE;
  }

  /** The compare-and-set of an {@link Step#ACQUIRE} succeeded; {@code startNanos} is when it was sent. */
  public void acquired(LeaseRecord next, long startNanos) {
    mine = next;
    actUntilNanos = startNanos + actNanos;
    holding = true;
  }

  /** The compare-and-set of a {@link Step#RENEW} succeeded; {@code startNanos} is when it was sent. */
  public void renewed(LeaseRecord next, long startNanos) {
    if (mine != null && next.term() == mine.term()) {
      mine = next;
      actUntilNanos = startNanos + actNanos;
    }
  }

  /** The roles are stopped and the release was written (or the compare-and-set failed: the lease is gone anyway). */
  public void released() {
    drop();
  }

  private void drop() {
    holding = false;
    mine = null;
  }

  private static String stored(LeaseRecord record) {
    return record == null ? "" : record.encode();
  }
}
