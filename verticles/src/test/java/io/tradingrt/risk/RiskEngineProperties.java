package io.tradingrt.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TradingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The risk engine's invariants over random sequences of quotes, orders, fills, cancels, time and commands. */
class RiskEngineProperties {

  static final Fixed MAX_POSITION = Fixed.of(60);
  static final Fixed MAX_ORDER_NOTIONAL = Fixed.of(3_000);
  static final Fixed MAX_GROSS = Fixed.of(8_000);
  static final Fixed INITIAL_CASH = Fixed.of(12_000);
  static final Fixed DAILY_LOSS = Fixed.of(150);
  static final Fixed MAX_DRAWDOWN = Fixed.of(100);

  static RiskLimits tightLimits() {
    return TestData.limits().maxPosition(MAX_POSITION).maxOrderNotional(MAX_ORDER_NOTIONAL).maxGross(MAX_GROSS)
        .initialCash(INITIAL_CASH).build();
  }

  /** Cash binds before any other limit. */
  static RiskLimits cashBoundLimits() {
    return TestData.limits().maxPosition(MAX_POSITION).maxOrderNotional(MAX_ORDER_NOTIONAL)
        .initialCash(Fixed.of(5_000)).build();
  }

  @Provide
  Arbitrary<List<RiskScenario.Step>> scenarios() {
    return RiskScenario.steps(80, 2);
  }

  @Provide
  Arbitrary<List<RiskScenario.Step>> commandHeavyScenarios() {
    return RiskScenario.steps(80, 10);
  }

  @Provide
  Arbitrary<List<RiskScenario.Step>> bursts() {
    return RiskScenario.bursts();
  }

  @Property(tries = 1000)
  void approvedOrdersNeverTakeAPositionPastItsLimitCountingPendingOrders(
      @ForAll("scenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : approvals(new RiskHarness(tightLimits()).run(steps))) {
      assertTrue(c.projectedPosition().abs().compareTo(MAX_POSITION) <= 0,
          () -> "projected position " + c.projectedPosition() + " after " + c.order());
    }
  }

  @Property(tries = 1000)
  void approvedOrdersNeverTakeGrossExposurePastItsLimitCountingPendingOrders(
      @ForAll("scenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : approvals(new RiskHarness(tightLimits()).run(steps))) {
      boolean withinLimit = c.grossAfter().compareTo(MAX_GROSS) <= 0;
      boolean doesNotRaiseIt = c.grossAfter().compareTo(c.grossBefore()) <= 0;
      assertTrue(withinLimit || doesNotRaiseIt, () -> "worst-case gross " + c.grossAfter() + " after " + c.order());
    }
  }

  @Property(tries = 1000)
  void approvedOrdersNeverExceedTheOrderNotionalLimit(@ForAll("scenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : approvals(new RiskHarness(tightLimits()).run(steps))) {
      assertTrue(c.notional().compareTo(MAX_ORDER_NOTIONAL) <= 0,
          () -> "notional " + c.notional() + " of " + c.order());
    }
  }

  @Property(tries = 1000)
  void approvedBuysNeverSpendMoreThanFreeCashCountingPendingBuys(@ForAll("scenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : approvals(new RiskHarness(cashBoundLimits()).run(steps))) {
      if (c.order().side() == Side.BUY) {
        assertTrue(c.notional().compareTo(c.freeCash()) <= 0, () -> "free cash " + c.freeCash() + " for " + c.order());
      }
    }
  }

  @Property(tries = 1000)
  void haltedApprovesNothing(@ForAll("commandHeavyScenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : new RiskHarness(tightLimits()).run(steps).checked) {
      if (c.stateBefore() == TradingState.HALTED) {
        assertFalse(c.decision().approved(), () -> "approved while halted: " + c.order());
        assertEquals(ReasonCode.TRADING_HALTED, c.decision().reason());
      }
    }
  }

  @Property(tries = 1000)
  void reducingApprovesOnlyOrdersThatReduceAPositionWithoutFlipping(
      @ForAll("commandHeavyScenarios") List<RiskScenario.Step> steps) {
    for (RiskHarness.Checked c : approvals(new RiskHarness(tightLimits()).run(steps))) {
      if (c.stateBefore() == TradingState.REDUCING || c.order().reduceOnly()) {
        assertTrue(c.reduces(), () -> c.order() + " approved in " + c.stateBefore());
      }
    }
  }

  @Property(tries = 1000)
  void throttleIsNeverExceededInAnyWindow(@ForAll("bursts") List<RiskScenario.Step> steps) {
    int perStrategy = 3;
    int global = 5;
    long interval = 100_000;
    RiskLimits limits = TestData.limits().throttle(perStrategy, global, interval).build();
    List<Long> allApprovals = new ArrayList<>();
    Map<String, List<Long>> byStrategy = new HashMap<>();
    RiskHarness harness = new RiskHarness(limits);
    harness.run(List.of(new RiskScenario.Quote(0, 10_000, 1), new RiskScenario.Quote(1, 10_000, 1),
        new RiskScenario.Quote(2, 10_000, 1)));
    for (RiskHarness.Checked c : approvals(harness.run(steps))) {
      allApprovals.add(c.decision().tsMicros());
      byStrategy.computeIfAbsent(c.order().strategy(), s -> new ArrayList<>()).add(c.decision().tsMicros());
    }
    assertAtMostPerWindow(allApprovals, global, interval);
    byStrategy.values().forEach(times -> assertAtMostPerWindow(times, perStrategy, interval));
  }

  @Property(tries = 1000)
  void lossLimitBreachChangesTheStateBeforeTheNextApproval(@ForAll("scenarios") List<RiskScenario.Step> steps,
      @ForAll boolean dailyLossHalts) {
    TradingState dailyAction = dailyLossHalts ? TradingState.HALTED : TradingState.REDUCING;
    TradingState drawdownAction = dailyLossHalts ? TradingState.REDUCING : TradingState.HALTED;
    RiskLimits limits = TestData.limits().initialCash(INITIAL_CASH).dailyLoss(DAILY_LOSS, dailyAction)
        .maxDrawdown(MAX_DRAWDOWN, drawdownAction).build();
    RiskHarness harness = new RiskHarness(limits).run(steps);
    for (RiskHarness.AfterStep after : harness.afterSteps) {
      if (after.dailyLoss().compareTo(DAILY_LOSS) >= 0) {
        assertTrue(after.state().compareTo(dailyAction) >= 0,
            () -> after.state() + " after daily loss " + after.dailyLoss());
      }
      if (after.drawdown().compareTo(MAX_DRAWDOWN) >= 0) {
        assertTrue(after.state().compareTo(drawdownAction) >= 0,
            () -> after.state() + " after drawdown " + after.drawdown());
      }
    }
  }

  @Property(tries = 1000)
  void sameInputsAlwaysGiveTheSameDecisionsAndReasonCodes(
      @ForAll("commandHeavyScenarios") List<RiskScenario.Step> steps) {
    RiskHarness first = new RiskHarness(tightLimits()).run(steps);
    RiskHarness second = new RiskHarness(tightLimits()).run(steps);
    assertEquals(decisions(first), decisions(second));
    assertEquals(first.engine.drainStateChanges(), second.engine.drainStateChanges());
  }

  @Property(tries = 1000)
  void openOrderIdsAreTheApprovedOrdersNotYetTerminal(@ForAll("commandHeavyScenarios") List<RiskScenario.Step> steps) {
    RiskHarness harness = new RiskHarness(tightLimits()).run(steps);
    assertEquals(harness.modelOpenOrderIds(), harness.engine.openOrderIds());
  }

  private static List<RiskHarness.Checked> approvals(RiskHarness harness) {
    return harness.checked.stream().filter(c -> c.decision().approved()).toList();
  }

  private static List<RiskDecision> decisions(RiskHarness harness) {
    return harness.checked.stream().map(RiskHarness.Checked::decision).toList();
  }

  /** In sorted times, N+1 admissions fit in a window of length I only if t[i+N] - t[i] < I. */
  private static void assertAtMostPerWindow(List<Long> times, int limit, long interval) {
    for (int i = 0; i + limit < times.size(); i++) {
      int first = i;
      assertTrue(times.get(i + limit) - times.get(i) >= interval,
          () -> (limit + 1) + " approvals within one window from " + times.get(first));
    }
  }
}
