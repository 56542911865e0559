package io.tradingrt.fix;

import io.tradingrt.config.FixSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The initiator's reconnect backoff as QuickFIX/J reads it. */
class FixSessionsTest {

  @Test
  void reconnectWaitsDoubleUpToTheMaximumWhichThenRepeats() throws Exception {
    assertEquals("5;10;20;40;60", FixSessions.reconnectIntervals(5, 60));
    assertEquals("1;2;4;8;16;30", FixSessions.reconnectIntervals(1, 30));
    assertEquals("7", FixSessions.reconnectIntervals(7, 7));
    FixSettings fix = new FixSettings("127.0.0.1", 9878, "A", "B", 30, 2, 9, false, "data/fix", "U", "P");
    var settings = FixSessions.initiator(fix);
    assertEquals("2;4;8;9", settings.getString(FixSessions.initiatorId(fix), "ReconnectInterval"));
    // QuickFIX/J's own parser takes the list (it throws on what it cannot read)
    assertEquals(java.util.List.of(2, 4, 8, 9), java.util.Arrays.stream(
        quickfix.SessionSettings.parseSettingReconnectInterval("2;4;8;9")).boxed().toList());
  }

  @Test
  void aMaximumBelowTheFirstWaitIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new FixSettings("127.0.0.1", 9878, "A", "B", 30, 10, 5, false, "data/fix", "U", "P"));
    assertEquals("reconnectMaxSeconds must be reconnectSeconds (10) to 3600, got 5", e.getMessage());
  }
}
