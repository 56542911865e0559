package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Fixed;

import java.util.Optional;

/**
 * The logon reconciliation's rule for one working order: the venue's status answer (after the resend, so every fill
 * the venue made while we were away has been applied) against what the journal says is filled. A difference is one
 * that cannot be explained, and the sentence says which.
 */
final class Reconciliation {
  private Reconciliation() {
  }

  /**
   * @param unknownAtVenue the venue answered the status request with "unknown order" (OrdRejReason 5)
   * @param venueFilled    the venue's CumQty for the order
   * @param journalFilled  the quantity our journal says is filled
   * @return the sentence naming the difference, or empty when the two agree
   */
  static Optional<String> mismatch(String clOrdId, boolean unknownAtVenue, Fixed venueFilled, Fixed journalFilled) {
    if (unknownAtVenue) {
      return Optional.of("reconciliation: the venue does not know working order " + clOrdId + " (filled "
          + journalFilled + " in the journal)");
    }
    if (venueFilled.compareTo(journalFilled) != 0) {
      return Optional.of("reconciliation: order " + clOrdId + " is filled " + venueFilled + " at the venue but "
          + journalFilled + " in the journal");
    }
    return Optional.empty();
  }
}
