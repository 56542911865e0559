package io.tradingrt.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.risk.TestData;
import org.junit.jupiter.api.Test;

class OrderStateMachineTest {

  private final OrderTracker tracker = new OrderTracker(TestData.order("o1").quantity("10").build());

  @Test
  void aFillRacingACancelIsStillBooked() {
    tracker.transition(OrderStatus.SUBMITTED);
    tracker.transition(OrderStatus.ACCEPTED);
    tracker.transition(OrderStatus.PENDING_CANCEL);

    assertEquals(OrderStatus.PARTIALLY_FILLED, tracker.fill(Fixed.of(4), Fixed.of(100)));
    tracker.transition(OrderStatus.CANCELED);
    assertEquals(Fixed.of(4), tracker.filledQuantity());
  }

  @Test
  void noFillIsLegalOnceTheCancelIsConfirmed() {
    tracker.transition(OrderStatus.SUBMITTED);
    tracker.transition(OrderStatus.CANCELED);

    IllegalOrderTransitionException e = assertThrows(IllegalOrderTransitionException.class,
        () -> tracker.fill(Fixed.of(1), Fixed.of(100)));
    assertEquals(OrderStatus.CANCELED, e.from());
    assertEquals(OrderStatus.PARTIALLY_FILLED, e.to());
  }

  @Test
  void anOverfillIsRefusedAndChangesNothing() {
    tracker.transition(OrderStatus.SUBMITTED);
    tracker.fill(Fixed.of(8), Fixed.of(100));

    assertThrows(OverfillException.class, () -> tracker.fill(Fixed.of(3), Fixed.of(100)));
    assertEquals(Fixed.of(8), tracker.filledQuantity());
    assertEquals(OrderStatus.PARTIALLY_FILLED, tracker.status());
  }
}
