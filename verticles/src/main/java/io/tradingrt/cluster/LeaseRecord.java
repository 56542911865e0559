package io.tradingrt.cluster;

/**
 * One lease as the cluster stores it: who holds a singleton (or a strategy), since when and under which term. The
 * term is the fencing number: it grows by one at every change of holder and never goes back. {@code renewals}
 * changes at every renewal, so a standby sees a holder that stopped renewing; {@code released} marks a lease its
 * holder gave up on purpose (a stop, a rebalance), which another node may take at once.
 *
 * @param sinceMillis wall-clock time the term began, for people (never used to decide anything)
 */
public record LeaseRecord(String holderId, String holderName, long term, long renewals, long sinceMillis,
                          boolean released) {

  public LeaseRecord {
    if (holderId.isEmpty() || holderId.contains(";") || term < 1) {
      throw new IllegalArgumentException("a lease needs a holder id without ';' and a term >= 1");
    }
  }

  /** The first term of a lease nobody ever held, or the next term after {@code previous}. */
  public static LeaseRecord grant(LeaseRecord previous, String holderId, String holderName, long nowMillis) {
    return new LeaseRecord(holderId, holderName, previous == null ? 1 : previous.term + 1, 0, nowMillis, false);
  }

  public LeaseRecord renewed() {
    return new LeaseRecord(holderId, holderName, term, renewals + 1, sinceMillis, false);
  }

  public LeaseRecord release() {
    return new LeaseRecord(holderId, holderName, term, renewals + 1, sinceMillis, true);
  }

  /** The stored form: {@code term;renewals;sinceMillis;released;holderId;holderName} (the name may hold ';'). */
  public String encode() {
    return term + ";" + renewals + ";" + sinceMillis + ";" + (released ? 1 : 0) + ";" + holderId + ";" + holderName;
  }

  /** The record of a stored form, or null for null. */
  public static LeaseRecord decode(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(";", 6);
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a lease record: " + text);
    }
    return new LeaseRecord(parts[4], parts[5], Long.parseLong(parts[0]), Long.parseLong(parts[1]),
        Long.parseLong(parts[2]), "1".equals(parts[3]));
  }
}
