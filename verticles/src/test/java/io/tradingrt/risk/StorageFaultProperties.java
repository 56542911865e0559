package io.tradingrt.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.TradingState;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the risk engine does while the storage writer cannot commit, and what it does when storage comes back. */
class StorageFaultProperties {

  @Provide
  Arbitrary<List<RiskScenario.Step>> faults() {
    return RiskScenario.withStorageFaults(80);
  }

  @Property(tries = 1000)
  void noOrderIsApprovedWhileStorageIsUnavailable(@ForAll("faults") List<RiskScenario.Step> steps,
                                                  @ForAll boolean halts) {
    RiskHarness harness = harness(halts);
    boolean down = false;
    for (RiskScenario.Step step : steps) {
      int before = harness.checked.size();
      harness.run(List.of(step));
      if (step instanceof RiskScenario.Storage storage) {
        boolean faultStarts = !down && !storage.available();
        down = !storage.available();
        if (faultStarts) {
          TradingState state = harness.engine.state();
          assertTrue(state.compareTo(harness.storageAction) >= 0, "a fault escalates to the action: " + state);
        }
      }
      for (RiskHarness.Checked c : harness.checked.subList(before, harness.checked.size())) {
        if (down) {
          assertFalse(c.decision().approved(), () -> "approved while storage is down: " + c.order());
          assertEquals(ReasonCode.STORAGE_UNAVAILABLE, c.decision().reason());
        }
      }
    }
  }

  @Property(tries = 1000)
  void storageRecoveryNeverLiftsAManualHalt(@ForAll("faults") List<RiskScenario.Step> steps, @ForAll boolean halts) {
    RiskHarness harness = harness(halts);
    boolean down = false;
    TradingState beforeFault = null;
    ControlCommand lastCommandDuringFault = null;
    for (RiskScenario.Step step : steps) {
      TradingState stateBefore = harness.engine.state();
      harness.run(List.of(step));
      TradingState after = harness.engine.state();
      if (step instanceof RiskScenario.Control control && down) {
        lastCommandDuringFault = control.command();
      }
      if (!(step instanceof RiskScenario.Storage storage)) {
        continue;
      }
      if (!storage.available() && !down) {
        down = true;
        beforeFault = stateBefore;
        lastCommandDuringFault = null;
      } else if (storage.available() && down) {
        down = false;
        boolean haltedByHand = lastCommandDuringFault == ControlCommand.HALT
            || lastCommandDuringFault == ControlCommand.KILL
            || lastCommandDuringFault == null && beforeFault == TradingState.HALTED;
        if (haltedByHand) {
          assertEquals(TradingState.HALTED, after, "recovery lifted a manual halt");
        }
        if (lastCommandDuringFault == null) {
          // back to where it was, or stricter if a loss limit is breached now
          assertTrue(after.compareTo(beforeFault) >= 0, () -> "recovery went past the state before the fault");
          assertTrue(stateBefore == after || beforeFault != stateBefore, "recovery changes only a faulted state");
        }
      }
    }
  }

  @Property(tries = 300)
  void recoveryRestoresTheStateBeforeTheFaultWhenNothingElseHappened(@ForAll ControlCommand before,
                                                                     @ForAll boolean halts) {
    RiskHarness harness = harness(halts);
    harness.run(RiskScenario.afterOpeningQuotes(List.of(new RiskScenario.Control(before))));
    TradingState start = harness.engine.state();
    harness.run(List.of(new RiskScenario.Storage(false)));
    assertEquals(start.compareTo(harness.storageAction) >= 0 ? start : harness.storageAction, harness.engine.state());
    harness.run(List.of(new RiskScenario.Storage(true)));
    assertEquals(start, harness.engine.state());
    assertTrue(harness.engine.storageIsAvailable());
  }

  private static RiskHarness harness(boolean halts) {
    RiskHarness harness = new RiskHarness(RiskEngineProperties.tightLimits());
    harness.storageAction = halts ? TradingState.HALTED : TradingState.REDUCING;
    return harness;
  }
}
