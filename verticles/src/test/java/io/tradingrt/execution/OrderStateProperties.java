package io.tradingrt.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.risk.TestData;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The order lifecycle: random sequences of status changes and fills against one tracker. */
class OrderStateProperties {

  /** The lifecycle as written in the design, independently of the production table. */
  private static final Map<OrderStatus, Set<OrderStatus>> SPEC = Map.of(
      OrderStatus.INITIALIZED, EnumSet.of(OrderStatus.DENIED, OrderStatus.SUBMITTED),
      OrderStatus.SUBMITTED, EnumSet.of(OrderStatus.ACCEPTED, OrderStatus.REJECTED, OrderStatus.PARTIALLY_FILLED,
          OrderStatus.FILLED, OrderStatus.PENDING_CANCEL, OrderStatus.CANCELED, OrderStatus.EXPIRED),
      OrderStatus.ACCEPTED, EnumSet.of(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED, OrderStatus.PENDING_CANCEL,
          OrderStatus.CANCELED, OrderStatus.EXPIRED),
      OrderStatus.PARTIALLY_FILLED, EnumSet.of(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED,
          OrderStatus.PENDING_CANCEL, OrderStatus.CANCELED, OrderStatus.EXPIRED),
      // the late-fill exception: a fill racing a cancel request is still booked
      OrderStatus.PENDING_CANCEL, EnumSet.of(OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED,
          OrderStatus.CANCELED, OrderStatus.EXPIRED));

  /**
   * One step: a fill of {@code fillUnits} when positive, else a change to {@code status}, or when {@code followTable}
   * to the {@code pick}-th status the table allows next, so that random lifecycles also get deep.
   */
  record Step(OrderStatus status, boolean followTable, int pick, long fillUnits) {
  }

  @Provide
  Arbitrary<List<Step>> lifecycles() {
    Arbitrary<Step> anyStatus = Arbitraries.of(OrderStatus.class).map(status -> new Step(status, false, 0, 0));
    Arbitrary<Step> nextInTable = Arbitraries.integers().between(0, 9).map(pick -> new Step(null, true, pick, 0));
    Arbitrary<Step> fills = Arbitraries.longs().between(1, 12).map(units -> new Step(null, false, 0, units));
    return Arbitraries.frequencyOf(Tuple.of(2, anyStatus), Tuple.of(3, nextInTable), Tuple.of(3, fills))
        .list().ofMaxSize(25);
  }

  @Property(tries = 1000)
  void filledQuantityNeverExceedsOrderQuantity(@ForAll("lifecycles") List<Step> steps) {
    OrderTracker tracker = tracker();
    for (Step step : steps) {
      tryApply(tracker, step);
      assertTrue(tracker.filledQuantity().compareTo(tracker.request().quantity()) <= 0,
          () -> "filled " + tracker.filledQuantity() + " of " + tracker.request().quantity());
    }
  }

  @Property(tries = 1000)
  void terminalStatesStayTerminal(@ForAll("lifecycles") List<Step> steps) {
    OrderTracker tracker = tracker();
    for (Step step : steps) {
      OrderStatus before = tracker.status();
      Fixed filledBefore = tracker.filledQuantity();
      boolean accepted = tryApply(tracker, step);
      if (before.isTerminal()) {
        assertTrue(!accepted, () -> step + " was accepted after terminal " + before);
        assertEquals(before, tracker.status());
        assertEquals(filledBefore, tracker.filledQuantity());
      }
    }
  }

  @Property(tries = 1000)
  void everyEventSequenceTheMachineAcceptsIsLegalUnderTheTable(@ForAll("lifecycles") List<Step> steps) {
    OrderTracker tracker = tracker();
    List<OrderStatus> accepted = new ArrayList<>(List.of(tracker.status()));
    for (Step step : steps) {
      if (tryApply(tracker, step)) {
        accepted.add(tracker.status());
      }
    }
    for (int i = 1; i < accepted.size(); i++) {
      OrderStatus from = accepted.get(i - 1);
      OrderStatus to = accepted.get(i);
      assertTrue(SPEC.getOrDefault(from, Set.of()).contains(to), () -> from + " -> " + to + " is not in the table");
    }
  }

  @Property(tries = 1000)
  void illegalTransitionsThrowNamingBothStates(@ForAll OrderStatus from, @ForAll OrderStatus to) {
    if (SPEC.getOrDefault(from, Set.of()).contains(to)) {
      assertTrue(OrderStateMachine.isLegal(from, to));
      return;
    }
    IllegalOrderTransitionException e = assertThrows(IllegalOrderTransitionException.class,
        () -> OrderStateMachine.requireLegal("o1", from, to));
    assertTrue(e.getMessage().contains(from.name()) && e.getMessage().contains(to.name()), e.getMessage());
  }

  private static OrderTracker tracker() {
    return new OrderTracker(TestData.order("o1").quantity("20").build());
  }

  /** True when the tracker accepted the step; a refusal must leave it untouched. */
  private static boolean tryApply(OrderTracker tracker, Step step) {
    try {
      if (step.fillUnits() > 0) {
        tracker.fill(Fixed.of(step.fillUnits()), Fixed.of(100));
      } else if (step.followTable()) {
        List<OrderStatus> next = List.copyOf(SPEC.getOrDefault(tracker.status(), EnumSet.of(OrderStatus.FILLED)));
        tracker.transition(next.get(step.pick() % next.size()));
      } else {
        tracker.transition(step.status());
      }
      return true;
    } catch (IllegalOrderTransitionException | OverfillException e) {
      return false;
    }
  }
}
