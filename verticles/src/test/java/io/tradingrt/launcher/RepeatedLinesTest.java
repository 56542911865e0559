package io.tradingrt.launcher;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatedLinesTest {
  private final AtomicLong nanos = new AtomicLong();
  private final RepeatedLines filter = new RepeatedLines(3, 1_000, nanos::get);

  private static LogRecord line(String logger, String message) {
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setLoggerName(logger);
    return record;
  }

  private int passed(String logger, int lines) {
    int passed = 0;
    for (int i = 0; i < lines; i++) {
      passed += filter.isLoggable(line(logger, "execution: stored fill/momentum-r1-" + i + "-F1")) ? 1 : 0;
    }
    return passed;
  }

  @Test
  void linesThatDifferOnlyInDigitsAreLimitedPerWindowAndCountedOnTheNextOneThatPasses() {
    assertEquals(3, passed("io.tradingrt.execution.ExecutionVerticle", 10));
    nanos.addAndGet(1_000_000_000L);
    LogRecord next = line("io.tradingrt.execution.ExecutionVerticle", "execution: stored fill/momentum-r1-99-F1");
    assertTrue(filter.isLoggable(next));
    assertTrue(next.getMessage().contains("7 similar lines suppressed"), next.getMessage());
  }

  @Test
  void acknowledgementLinesAreNeverLimited() {
    assertEquals(1_000, passed("io.tradingrt.execution.ExecutionVerticle" + RepeatedLines.EVERY_LINE_SUFFIX, 1_000));
  }
}
