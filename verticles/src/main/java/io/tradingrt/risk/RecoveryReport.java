package io.tradingrt.risk;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the start rebuilt from the journal, once: the log line, {@code GET /api/recovery}, the {@code /health}
 * details and the dashboard all show this.
 *
 * @param journaled    false when this runtime keeps no journal ({@code persist} off): it started flat
 * @param entries      journal rows read (order events, fills, journal entries)
 * @param fills        fills folded
 * @param positions    the rebuilt non-flat positions
 * @param workingOrders client order ids still working, oldest first
 * @param lastChange   the change that set the restored state, or null (ACTIVE since the first start)
 * @param cash         the rebuilt account's cash, realized P&L and fees (marks wait for the first quotes)
 * @param mismatches   differences between the rebuilt book and the stored positions; non-empty means HALTED
 */
public record RecoveryReport(boolean journaled, long runId, long entries, long fills, long readMicros,
                             long foldMicros, List<Position> positions, List<String> workingOrders,
                             TradingState state, RiskStateChange lastChange, Fixed cash, Fixed realizedPnl,
                             Fixed fees, Fixed dayStartEquity,
                             List<String> mismatches, long tsMicros) {

  public RecoveryReport {
    positions = List.copyOf(positions);
    workingOrders = List.copyOf(workingOrders);
    mismatches = List.copyOf(mismatches);
  }

  public long totalMillis() {
    return (readMicros + foldMicros) / 1_000;
  }

  /** The one line the start logs. */
  public String line() {
    if (!journaled) {
      return "recovery: no journal is kept (persist is off), so trading starts flat and " + state;
    }
    String since = lastChange == null ? "" : " since " + Instant.ofEpochSecond(0, lastChange.tsMicros() * 1_000)
        + " (" + lastChange.cause() + ")";
    String line = "recovery: recovered " + positions.size() + " positions, " + workingOrders.size()
        + " working orders, state " + state + since + " from " + String.format(Locale.ROOT, "%,d", entries)
        + " journal entries in " + totalMillis() + " ms (read " + readMicros / 1_000 + " ms, rebuild "
        + foldMicros / 1_000 + " ms)";
    return mismatches.isEmpty() ? line : line + "; " + mismatches.size() + " mismatches: "
        + String.join("; ", mismatches);
  }
}
