package io.tradingrt.risk;

import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The trading state and the changes not yet published; severity is the enum order ACTIVE < REDUCING < HALTED. */
final class TradingStateKeeper {

  private TradingState state = TradingState.ACTIVE;
  private final List<RiskStateChange> unpublished = new ArrayList<>();

  TradingState state() {
    return state;
  }

  /** Sets the state unconditionally (operator commands); no change, no event. */
  Optional<RiskStateChange> set(TradingState to, String cause, String message, long tsMicros) {
    if (to == state) {
      return Optional.empty();
    }
    RiskStateChange change = new RiskStateChange(state, to, cause, message, tsMicros);
    state = to;
    unpublished.add(change);
    return Optional.of(change);
  }

  /** Moves only towards more severe states: a breached limit never relaxes what an operator or another limit set. */
  void escalate(TradingState to, String cause, String message, long tsMicros) {
    if (to.compareTo(state) > 0) {
      set(to, cause, message, tsMicros);
    }
  }

  List<RiskStateChange> drain() {
    List<RiskStateChange> drained = List.copyOf(unpublished);
    unpublished.clear();
    return drained;
  }
}
