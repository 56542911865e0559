package io.tradingrt.storage.journal;

import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the writer committed comes back, on the real DuckDB file, as a rebuild needs it. */
class JournalReadTest {

  @TempDir
  Path dir;

  @Test
  void anEmptyJournalHasNothingAndTheFirstRunIsOne() throws Exception {
    try (DuckDBConnection connection = StorageFixtures.openMigrated(dir.resolve("empty.duckdb"))) {
      JournalImage image = JournalRead.image(connection, 0);
      assertEquals(List.of(), image.fills());
      assertEquals(List.of(), image.workingOrders());
      assertNull(image.lastStateChange());
      assertNull(image.peakEquity());
      assertEquals(1, JournalRead.startRun(connection, MONDAY));
      assertEquals(2, JournalRead.startRun(connection, MONDAY + SECOND));
      assertEquals(2, JournalRead.image(connection, 2).entries(), "each run start is a journal entry");
    }
  }

  @Test
  void fillsComeInCommitOrderAndWorkingOrdersInSubmissionOrder() throws Exception {
    try (DuckDBConnection connection = StorageFixtures.openMigrated(dir.resolve("journal.duckdb"));
         StorageWriter writer = new StorageWriter(connection.duplicate(), () -> MONDAY)) {
      // b is submitted first and keeps working; a later and is partly filled; c ends filled
      writer.writeOrderEvent(event("b", OrderStatus.SUBMITTED, "0", 1));
      writer.writeOrderEvent(event("a", OrderStatus.SUBMITTED, "0", 2));
      writer.writeOrderEvent(event("c", OrderStatus.SUBMITTED, "0", 3));
      writer.writeOrderEvent(event("b", OrderStatus.ACCEPTED, "0", 4));
      List<Fill> fills = new ArrayList<>();
      // the same timestamp for all, out of id order: only the commit order can say which came first
      for (int i = 12; i >= 1; i--) {
        fills.add(StorageFixtures.fill("c-F" + i, "AAPL", "1", "100", MONDAY));
      }
      writer.writeTradingEvents(List.of(), fills.subList(0, 9), List.of());
      writer.writeTradingEvents(List.of(), fills.subList(9, 12), List.of());
      writer.writeFill(StorageFixtures.fill("a-F1", "AAPL", "4", "101", MONDAY));
      writer.writeOrderEvent(event("a", OrderStatus.PARTIALLY_FILLED, "4", 5));
      writer.writeOrderEvent(event("c", OrderStatus.FILLED, "10", 6));
      RiskStateChange halt = new RiskStateChange(TradingState.ACTIVE, TradingState.HALTED, ReasonCode.HALT, "why",
          MONDAY + 7);
      writer.writeTradingEvents(List.of(), List.of(), List.of(), List.of(
          JournalEntry.control("control/1", new RiskControl(ControlCommand.HALT, "why", MONDAY + 7), "http x",
              TradingState.HALTED),
          JournalEntry.stateChange("state/1", halt),
          JournalEntry.dayRoll("day/1", Fixed.of(999_000), MONDAY),
          JournalEntry.stateChange("state/1", halt)));

      JournalImage image = JournalRead.image(connection, 3);
      List<String> fillIds = image.fills().stream().map(Fill::fillId).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 12; i >= 1; i--) {
        expected.add("c-F" + i);
      }
      expected.add("a-F1");
      assertEquals(expected, fillIds, "the staged and the single inserts both number fills in commit order");
      assertEquals(List.of("b", "a"), image.workingOrders().stream().map(OrderEvent::clientOrderId).toList());
      assertEquals(OrderStatus.PARTIALLY_FILLED, image.workingOrders().get(1).status(), "the latest event of a");
      assertEquals(TimeInForce.GTC, image.workingOrders().get(0).timeInForce());
      assertEquals(halt, image.lastStateChange().toStateChange());
      assertEquals(Fixed.of(999_000), image.lastDayRoll().amount());
      assertEquals(Map.of("AAPL", Fixed.of(16)), image.tradedQuantities());
      assertEquals(List.of("b", "a", "c"), image.recentOrderIds(), "by their latest event, oldest first");
      // 6 order events, 13 fills, 3 journal entries (the redelivered state change is stored once)
      assertEquals(6 + 13 + 3, image.entries());
      assertEquals(3, image.runId());
    }
  }

  private static OrderEvent event(String id, OrderStatus status, String filled, long micros) {
    OrderEvent e = StorageFixtures.orderEvent(id, "AAPL", status, filled, MONDAY + micros);
    return new OrderEvent(e.clientOrderId(), e.strategy(), e.symbol(), e.side(), e.type(), TimeInForce.GTC,
        e.status(), e.quantity(), e.limitPrice(), e.filledQuantity(), e.avgFillPrice(), e.reasonCode(),
        e.message(), e.tsMicros());
  }
}
