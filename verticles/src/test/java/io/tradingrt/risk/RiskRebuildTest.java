package io.tradingrt.risk;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trading state a restart takes over from the journal, and how it goes on from there. */
class RiskRebuildTest {

  private final TestData.ManualClock clock = new TestData.ManualClock(1_000_000);

  @Test
  void aStateAStorageFaultSetIsLiftedByTheFirstHealthyWriterAfterARestart() {
    RiskEngine engine = rebuilt(new RiskStateChange(TradingState.ACTIVE, TradingState.REDUCING,
        ReasonCode.STORAGE_UNAVAILABLE, "storage cannot commit: disk full", 500_000));
    assertEquals(TradingState.REDUCING, engine.state());
    assertFalse(engine.storageIsAvailable(), "the fault is still in progress, as the journal left it");
    assertEquals(ReasonCode.STORAGE_UNAVAILABLE, engine.check(TestData.order("o-1").build()).reason(),
        "orders wait for storage as they did before the restart");

    engine.storageAvailable();
    assertEquals(TradingState.ACTIVE, engine.state());
    assertEquals(ReasonCode.STORAGE_RECOVERED, engine.lastStateChange().cause());
  }

  @Test
  void anOperatorsHaltIsKeptWhenStorageIsHealthy() {
    RiskEngine engine = rebuilt(new RiskStateChange(TradingState.ACTIVE, TradingState.HALTED, ReasonCode.HALT,
        "operator", 500_000));
    assertTrue(engine.storageIsAvailable());
    engine.storageAvailable();
    assertEquals(TradingState.HALTED, engine.state());
    assertEquals(ReasonCode.HALT, engine.lastStateChange().cause());
    assertEquals(ReasonCode.TRADING_HALTED, engine.check(TestData.order("o-1").build()).reason());
  }

  @Test
  void aHaltDuringTheFaultIsNotLiftedByStorageRecovering() {
    RiskEngine engine = rebuilt(new RiskStateChange(TradingState.ACTIVE, TradingState.REDUCING,
        ReasonCode.STORAGE_UNAVAILABLE, "storage cannot commit", 500_000));
    engine.control(io.tradingrt.codecs.ControlCommand.HALT, "operator, after the restart");
    engine.storageAvailable();
    assertEquals(TradingState.HALTED, engine.state(), "the operator decided during the fault");
  }

  @Test
  void aReconciliationMismatchHaltsWithItsOwnCodeSurvivesARestartAndOnlyAnOperatorLiftsIt() {
    RiskEngine live = rebuilt(new RiskStateChange(TradingState.HALTED, TradingState.ACTIVE, ReasonCode.RESUME,
        "operator", 500_000));
    RiskStateChange halt = live.reconciliationMismatch(io.tradingrt.codecs.ControlCommand.HALT,
        "reconciliation: the venue does not know working order k1").orElseThrow();
    assertEquals(TradingState.HALTED, halt.to());
    assertEquals(ReasonCode.RECONCILIATION_MISMATCH, halt.cause());
    assertEquals(ReasonCode.TRADING_HALTED, live.check(TestData.order("o-2").build()).reason());
    live.storageAvailable();
    assertEquals(TradingState.HALTED, live.state(), "storage recovering does not lift a venue difference");

    RiskEngine restarted = rebuilt(halt);
    assertEquals(TradingState.HALTED, restarted.state());
    assertEquals(ReasonCode.RECONCILIATION_MISMATCH, restarted.lastStateChange().cause());
    restarted.control(io.tradingrt.codecs.ControlCommand.RESUME, "operator, after checking the venue");
    assertEquals(TradingState.ACTIVE, restarted.state());

    RiskStateChange reduce = restarted.reconciliationMismatch(io.tradingrt.codecs.ControlCommand.REDUCE,
        "reconciliation: order k2 is filled 5 at the venue but 0 in the journal").orElseThrow();
    assertEquals(TradingState.REDUCING, reduce.to());
    assertEquals(ReasonCode.RECONCILIATION_MISMATCH, reduce.cause());
  }

  private RiskEngine rebuilt(RiskStateChange last) {
    RiskEngine engine = new RiskEngine(new Instruments(Map.of("AAPL", TestData.instrument())),
        TestData.limits().build(), clock);
    List<String> mismatches = engine.rebuild(new JournalImage(2, 1, 0, List.of(), List.of(), List.of(), Map.of(),
        JournalEntry.stateChange("state/1", last), null, null, List.of()));
    assertEquals(List.of(), mismatches);
    engine.onTick(TestData.tick("AAPL").build());
    return engine;
  }
}
