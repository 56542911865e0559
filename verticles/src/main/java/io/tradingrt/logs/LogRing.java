package io.tradingrt.logs;

import io.tradingrt.edge.Printable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The process's recent log records (INFO and above), a bounded ring on the root JUL logger: what the dashboard's log
 * view reads. Messages are stored as the one-line format prints them (control characters escaped, capped at
 * {@link #MAX_MESSAGE_CHARS}), with every registered secret (the HTTP token) replaced by {@value #REDACTED}.
 * Thread-safe: any thread logs.
 */
public final class LogRing extends Handler {
  public static final int CAPACITY = 2_000;
  public static final int MAX_MESSAGE_CHARS = 2_000;
  static final String REDACTED = "[redacted]";

  private static final LogRing SHARED = new LogRing(CAPACITY);

  /** One record: {@code seq} grows by one per record kept, so a reader asks for what came after the last it saw. */
  public record Entry(long seq, long tsMicros, String level, String logger, String message) {
  }

  private final Entry[] ring;
  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private final Formatter formatter = new Formatter() {
    @Override
    public String format(LogRecord record) {
      return formatMessage(record);
    }
  };
  private long next;

  LogRing(int capacity) {
    this.ring = new Entry[capacity];
    setLevel(Level.INFO);
  }

  /** The ring of this process. */
  public static LogRing shared() {
    return SHARED;
  }

  /** Puts the shared ring on the root logger unless it is there already (the launcher and the HTTP role both ask). */
  public static synchronized void install() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler == SHARED) {
        return;
      }
    }
    root.addHandler(SHARED);
  }

  /** A text that must never be shown, such as the bearer token; blank or very short texts are ignored. */
  public void redact(String secret) {
    if (secret != null && secret.length() >= 4) {
      secrets.add(secret);
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String message = formatter.formatMessage(record);
    if (record.getThrown() != null) {
      message = message + " (" + record.getThrown() + ")";
    }
    for (String secret : secrets) {
      message = message.replace(secret, REDACTED);
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
    long micros = record.getInstant().getEpochSecond() * 1_000_000L + record.getInstant().getNano() / 1_000;
    synchronized (this) {
      ring[(int) (next % ring.length)] = new Entry(next, micros, record.getLevel().getName(), logger,
          Printable.escape(message));
      next++;
    }
  }

  /** The newest {@code limit} records at {@code minimum} or above, oldest first. */
  public synchronized List<Entry> recent(Level minimum, int limit) {
    List<Entry> newestFirst = new ArrayList<>();
    for (long seq = next - 1; seq >= Math.max(0, next - ring.length) && newestFirst.size() < limit; seq--) {
      Entry entry = ring[(int) (seq % ring.length)];
      if (Level.parse(entry.level()).intValue() >= minimum.intValue()) {
        newestFirst.add(entry);
      }
    }
    List<Entry> out = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      out.add(newestFirst.get(i));
    }
    return out;
  }

  /** Records kept after {@code seq} (all of them for -1), oldest first, at most {@code max} (the oldest dropped). */
  public synchronized List<Entry> after(long seq, int max) {
    long from = Math.max(Math.max(seq + 1, next - ring.length), next - max);
    List<Entry> out = new ArrayList<>();
    for (long s = Math.max(0, from); s < next; s++) {
      out.add(ring[(int) (s % ring.length)]);
    }
    return out;
  }

  /** The seq the next record will get. */
  public synchronized long nextSeq() {
    return next;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
