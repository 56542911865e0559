package io.tradingrt.codecs;

import java.util.List;
import java.util.Map;

/**
 * What the journal holds for a rebuild of the trading cores, read by the storage writer in one transaction: the
 * answer on {@link Addresses#STORAGE_JOURNAL}.
 *
 * @param runId            this start's run number (journaled before the image is served)
 * @param entries          journal rows the image was read from (order events, fills, journal entries)
 * @param readMicros       how long reading took
 * @param fills            every stored fill, in the order the writer committed them
 * @param workingOrders    the latest event of every order that is not terminal, in submission order
 * @param positions        the stored {@code positions} rows, for the consistency check
 * @param tradedQuantities Σ signed fill quantity per symbol, summed by the database, for the consistency check
 * @param lastStateChange  the latest journaled trading-state change, or null
 * @param lastDayRoll      the latest journaled day roll, or null
 * @param peakEquity       the latest stored peak equity (from the portfolio snapshots), or null
 * @param recentOrderIds   the most recent client order ids, oldest first, so a resubmission is still a duplicate
 */
public record JournalImage(long runId, long entries, long readMicros, List<Fill> fills, List<OrderEvent> workingOrders,
                           List<Position> positions, Map<String, Fixed> tradedQuantities,
                           JournalEntry lastStateChange, JournalEntry lastDayRoll, Fixed peakEquity,
                           List<String> recentOrderIds) {
  public JournalImage {
    fills = List.copyOf(fills);
    workingOrders = List.copyOf(workingOrders);
    positions = List.copyOf(positions);
    tradedQuantities = Map.copyOf(tradedQuantities);
    recentOrderIds = List.copyOf(recentOrderIds);
  }

  /** A first start: nothing journaled yet. */
  public static JournalImage empty(long runId) {
    return new JournalImage(runId, 0, 0, List.of(), List.of(), List.of(), Map.of(), null, null, null, List.of());
  }

  public JournalImage withRunId(long run) {
    return new JournalImage(run, entries, readMicros, fills, workingOrders, positions, tradedQuantities,
        lastStateChange, lastDayRoll, peakEquity, recentOrderIds);
  }

  /** True when nothing that changes trading state was journaled before this run. */
  public boolean isEmpty() {
    return fills.isEmpty() && workingOrders.isEmpty() && lastStateChange == null && lastDayRoll == null;
  }
}
