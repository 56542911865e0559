package io.tradingrt.risk;

import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Side;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random sequences of what the risk engine sees: quotes, order requests, fills, terminal events, time, commands. */
final class RiskScenario {

  sealed interface Step permits Quote, Submit, FillPart, Cancel, Wait, Control, Storage {
  }

  /** A quote around {@code midCents} with a half spread of {@code halfSpreadCents}. */
  record Quote(int symbol, long midCents, int halfSpreadCents) implements Step {
  }

  /**
   * A limit order is priced {@code offsetCents} through the mid (positive = more aggressive). A closing order takes
   * the side against the current position and {@code quantity} percent of it (over 100 would flip it).
   */
  record Submit(int strategy, int symbol, Side side, long quantity, boolean limit, int offsetCents,
                boolean reduceOnly, boolean reuseLastId, boolean closing) implements Step {
  }

  /** Fills {@code percent} of an open order, {@code adverseCents} worse than the quote; the event may come first. */
  record FillPart(int pick, int percent, int adverseCents, boolean eventFirst) implements Step {
  }

  record Cancel(int pick) implements Step {
  }

  record Wait(long micros) implements Step {
  }

  record Control(ControlCommand command) implements Step {
  }

  /** The storage writer reports it can ({@code available}) or cannot commit. */
  record Storage(boolean available) implements Step {
  }

  private RiskScenario() {
  }

  /** Every symbol is quoted first, so most orders get past the market-price check. */
  static Arbitrary<List<Step>> steps(int maxSteps, int controlWeight) {
    return randomSteps(maxSteps, controlWeight).map(RiskScenario::afterOpeningQuotes);
  }

  static List<Step> afterOpeningQuotes(List<Step> steps) {
    List<Step> all = new ArrayList<>();
    for (int symbol = 0; symbol < RiskHarness.SYMBOLS.size(); symbol++) {
      all.add(new Quote(symbol, 10_000, 1));
    }
    all.addAll(steps);
    return all;
  }

  // edge cases would repeat one degenerate step (say, always reusing the last id) across the whole scenario
  private static Arbitrary<List<Step>> randomSteps(int maxSteps, int controlWeight) {
    return Arbitraries.frequencyOf(
        Tuple.of(20, quotes()),
        Tuple.of(40, submits()),
        Tuple.of(20, fills()),
        Tuple.of(6, Arbitraries.integers().between(0, 50).map(Cancel::new)),
        Tuple.of(8, Arbitraries.longs().between(0, 400_000).map(Wait::new)),
        Tuple.of(controlWeight, Arbitraries.of(ControlCommand.class).map(Control::new)))
        .list().ofMinSize(1).ofMaxSize(maxSteps).withoutEdgeCases();
  }

  /** Random scenarios in which storage fails and recovers, several times. */
  static Arbitrary<List<Step>> withStorageFaults(int maxSteps) {
    Arbitrary<Step> storage = Arbitraries.of(false, true).map(available -> new Storage(available));
    Arbitrary<Step> other = randomSteps(1, 10).map(steps -> steps.get(0));
    return Arbitraries.frequencyOf(Tuple.of(88, other), Tuple.of(12, storage))
        .list().ofMinSize(1).ofMaxSize(maxSteps).withoutEdgeCases().map(RiskScenario::afterOpeningQuotes);
  }

  /** Submits and short waits only: for the throttle. */
  static Arbitrary<List<Step>> bursts() {
    return Arbitraries.frequencyOf(
        Tuple.of(70, submits()),
        Tuple.of(30, Arbitraries.longs().between(0, 60_000).map(Wait::new)))
        .list().ofMinSize(1).ofMaxSize(120).withoutEdgeCases().map(RiskScenario::afterOpeningQuotes);
  }

  private static Arbitrary<Step> quotes() {
    return Combinators.combine(symbols(), Arbitraries.longs().between(5_000, 15_000),
        Arbitraries.integers().between(1, 10)).as(Quote::new);
  }

  private static Arbitrary<Step> submits() {
    Arbitrary<Integer> strategies = Arbitraries.integers().between(0, RiskHarness.STRATEGIES.size() - 1);
    Arbitrary<Boolean> reduceOnly = Arbitraries.integers().between(0, 9).map(i -> i == 0);
    Arbitrary<Boolean> reuseLastId = Arbitraries.integers().between(0, 29).map(i -> i == 0);
    Arbitrary<Boolean> closing = Arbitraries.integers().between(0, 3).map(i -> i == 0);
    return Combinators.combine(strategies, symbols(), Arbitraries.of(Side.class), Arbitraries.longs().between(1, 40),
            Arbitraries.of(false, true), Arbitraries.integers().between(-20, 20), reduceOnly, reuseLastId)
        .flatAs((strategy, symbol, side, quantity, limit, offset, reduce, reuse) -> closing.map(
            close -> new Submit(strategy, symbol, side, close ? quantity * 3 : quantity, limit, offset, reduce, reuse,
                close)));
  }

  private static Arbitrary<Step> fills() {
    return Combinators.combine(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(1, 100),
        Arbitraries.integers().between(0, 300), Arbitraries.of(false, true)).as(FillPart::new);
  }

  private static Arbitrary<Integer> symbols() {
    return Arbitraries.integers().between(0, RiskHarness.SYMBOLS.size() - 1);
  }
}
