package io.tradingrt.logs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log view's ring: bounded, oldest first, filtered by level, secrets and control characters kept out. */
class LogRingTest {

  private static LogRecord record(Level level, String message) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName("io.tradingrt.test");
    return record;
  }

  @Test
  void keepsTheNewestRecordsOldestFirstAndFiltersByLevel() {
    LogRing ring = new LogRing(3);
    for (int i = 0; i < 5; i++) {
      ring.publish(record(i % 2 == 0 ? Level.INFO : Level.WARNING, "line " + i));
    }
    ring.publish(record(Level.FINE, "below INFO: not kept"));
    assertEquals(List.of("line 2", "line 3", "line 4"), ring.recent(Level.INFO, 10).stream()
        .map(LogRing.Entry::message).toList());
    assertEquals(List.of("line 3"), ring.recent(Level.WARNING, 10).stream().map(LogRing.Entry::message).toList());
    assertEquals(List.of("line 4"), ring.recent(Level.INFO, 1).stream().map(LogRing.Entry::message).toList());
    assertEquals(List.of("line 3", "line 4"), ring.after(2, 10).stream().map(LogRing.Entry::message).toList());
    assertEquals(List.of("line 4"), ring.after(-1, 1).stream().map(LogRing.Entry::message).toList());
    assertEquals(5, ring.nextSeq());
  }

  @Test
  void secretsAreRedactedAndControlCharactersEscaped() {
    LogRing ring = new LogRing(10);
    ring.redact("s3cret-token");
    ring.publish(record(Level.WARNING, "login with s3cret-token\nforged line"));
    String message = ring.recent(Level.INFO, 1).get(0).message();
    assertFalse(message.contains("s3cret-token"), message);
    assertTrue(message.contains("[redacted]"), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aVeryLongMessageIsCut() {
    LogRing ring = new LogRing(1);
    ring.publish(record(Level.INFO, "x".repeat(10_000)));
    assertTrue(ring.recent(Level.INFO, 1).get(0).message().length() <= LogRing.MAX_MESSAGE_CHARS + 1);
  }
}
