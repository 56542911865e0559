package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Fixed;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the logon reconciliation calls a difference, and the sentence it halts with. */
class ReconciliationTest {

  @Test
  void anOrderBothSidesFilledAlikeIsReconciled() {
    assertEquals(Optional.empty(), Reconciliation.mismatch("k1", false, Fixed.of(5), Fixed.of("5.00")));
    assertEquals(Optional.empty(), Reconciliation.mismatch("k1", false, Fixed.ZERO, Fixed.ZERO));
  }

  @Test
  void anOrderTheVenueDoesNotKnowIsADifferenceEvenUnfilled() {
    String why = Reconciliation.mismatch("k1", true, Fixed.ZERO, Fixed.ZERO).orElseThrow();
    assertTrue(why.contains("does not know working order k1"), why);
  }

  @Test
  void aFilledQuantityThatDiffersIsADifferenceNamingBoth() {
    String why = Reconciliation.mismatch("k2", false, Fixed.of(10), Fixed.of(5)).orElseThrow();
    assertTrue(why.contains("k2") && why.contains("filled 10 at the venue but 5 in the journal"), why);
    assertTrue(Reconciliation.mismatch("k2", false, Fixed.of(5), Fixed.of(10)).isPresent(),
        "the journal ahead of the venue is a difference too");
  }
}
