package io.tradingrt.risk;

import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trading state and the changes not yet published; severity is the enum order ACTIVE < REDUCING < HALTED.
 * A storage fault escalates the state and remembers the one before it; recovery goes back to that state only if
 * nobody (operator or limit) changed it during the fault, so recovery never lifts a HALT set while storage was down.
 */
final class TradingStateKeeper {

  private TradingState state = TradingState.ACTIVE;
  private final List<RiskStateChange> unpublished = new ArrayList<>();
  /** The state before the current storage fault; null while storage commits. */
  private TradingState beforeStorageFault;
  private boolean decidedDuringFault;
  private RiskStateChange lastChange;

  TradingState state() {
    return state;
  }

  /** Sets the state unconditionally (operator commands); no change, no event. */
  Optional<RiskStateChange> set(TradingState to, ReasonCode cause, String message, long tsMicros) {
    // even a command that changes nothing is the operator's decision, which storage recovery must keep
    decidedDuringFault = true;
    return change(to, cause, message, tsMicros);
  }

  /** Storage cannot commit: escalate to {@code action} and remember the state to go back to. */
  void storageUnavailable(TradingState action, String message, long tsMicros) {
    if (beforeStorageFault != null) {
      return;
    }
    beforeStorageFault = state;
    decidedDuringFault = false;
    if (action.compareTo(state) > 0) {
      change(action, ReasonCode.STORAGE_UNAVAILABLE, message, tsMicros);
    }
  }

  /** Storage commits again: back to the state before the fault, unless it was decided anew during the fault. */
  void storageAvailable(String message, long tsMicros) {
    if (beforeStorageFault == null) {
      return;
    }
    TradingState before = beforeStorageFault;
    beforeStorageFault = null;
    if (!decidedDuringFault) {
      change(before, ReasonCode.STORAGE_RECOVERED, message, tsMicros);
    }
  }

  /**
   * The state journaled last, taken over at a restart: no change, no event (nothing changed). A state a storage
   * fault set is restored as a fault still in progress, so the first healthy report of the writer lifts it as live
   * (STORAGE_RECOVERED, back to the state before the fault) instead of leaving it for an operator.
   */
  void restore(RiskStateChange last) {
    state = last.to();
    lastChange = last;
    if (last.cause() == ReasonCode.STORAGE_UNAVAILABLE) {
      beforeStorageFault = last.from();
      decidedDuringFault = false;
    }
  }

  /** The change that set the current state, or null while it is the initial ACTIVE. */
  RiskStateChange lastChange() {
    return lastChange;
  }

  boolean storageUnavailable() {
    return beforeStorageFault != null;
  }

  private Optional<RiskStateChange> change(TradingState to, ReasonCode cause, String message, long tsMicros) {
    if (to == state) {
      return Optional.empty();
    }
    RiskStateChange change = new RiskStateChange(state, to, cause, message, tsMicros);
    state = to;
    lastChange = change;
    unpublished.add(change);
    return Optional.of(change);
  }

  /** Moves only towards more severe states: a breached limit never relaxes what an operator or another limit set. */
  /** Whether {@link #escalate} to {@code to} would change the state: what a caller checks before building a message. */
  boolean wouldEscalate(TradingState to) {
    return to.compareTo(state) > 0;
  }

  void escalate(TradingState to, ReasonCode cause, String message, long tsMicros) {
    if (wouldEscalate(to)) {
      decidedDuringFault = true;
      change(to, cause, message, tsMicros);
    }
  }

  List<RiskStateChange> drain() {
    if (unpublished.isEmpty()) {
      return List.of();
    }
    List<RiskStateChange> drained = List.copyOf(unpublished);
    unpublished.clear();
    return drained;
  }
}
