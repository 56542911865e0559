package io.tradingrt.codecs;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.domains.DomainContextBase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators for every contract record, shared by all modules' properties (verticles uses the codecs test-jar).
 * Call the static factories directly, or put {@code @Domain(ContractArbitraries.class)} on a property so that
 * {@code @ForAll Tick tick} resolves by type (add {@code @Domain(DomainContext.Global.class)} for built-in types).
 * Fixed values span the whole raw range on purpose: the codecs must carry what arithmetic can produce.
 */
public class ContractArbitraries extends DomainContextBase {

  private static final List<Long> EXTREME_RAWS = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
      Long.MAX_VALUE - 1, 0L, 1L, -1L, Fixed.ONE_RAW, -Fixed.ONE_RAW, Fixed.ONE_RAW - 1, -(Fixed.ONE_RAW - 1));

  /** Any Fixed: extremes, any raw long (full 8-digit fractions), human-scale decimals with 0..8 digits, dust. */
  @Provide
  public static Arbitrary<Fixed> fixeds() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(EXTREME_RAWS).map(Fixed::ofRaw)),
        Tuple.of(3, Arbitraries.longs().map(Fixed::ofRaw)),
        Tuple.of(5, decimals(1_000_000_000L, true)),
        Tuple.of(1, Arbitraries.longs().between(-1_000, 1_000).map(Fixed::ofRaw)));
  }

  /** Zero or more, never the sign of a debt: fees, volumes. */
  public static Arbitrary<Fixed> nonNegativeFixeds() {
    return fixeds().map(f -> f.raw() == Long.MIN_VALUE ? Fixed.ofRaw(Long.MAX_VALUE) : f.abs());
  }

  /** Realistic positive prices up to a million with 0..8 fractional digits. */
  public static Arbitrary<Fixed> prices() {
    return decimals(1_000_000L, false).filter(Fixed::isPositive);
  }

  /** Realistic positive quantities up to a million with 0..8 fractional digits. */
  public static Arbitrary<Fixed> quantities() {
    return prices();
  }

  /** {@code units.fraction} with |units| ≤ maxUnits and a fraction of 0..8 significant digits. */
  public static Arbitrary<Fixed> decimals(long maxUnits, boolean signed) {
    Arbitrary<Long> units = Arbitraries.longs().between(0, maxUnits);
    Arbitrary<Integer> digits = Arbitraries.integers().between(0, Fixed.SCALE);
    Arbitrary<Long> fraction = Arbitraries.longs().between(0, Fixed.ONE_RAW - 1);
    Arbitrary<Boolean> negative = signed ? Arbitraries.of(true, false) : Arbitraries.just(false);
    return Combinators.combine(units, digits, fraction, negative).as((u, d, f, neg) -> {
      long unit = pow10(Fixed.SCALE - d);
      long raw = u * Fixed.ONE_RAW + f / unit * unit;
      return Fixed.ofRaw(neg ? -raw : raw);
    });
  }

  /** Unicode text: ASCII, control characters (JSON must escape them), Latin, CJK and astral-plane emoji. */
  public static Arbitrary<String> text() {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(1, Arbitraries.integers().between(0x00, 0x1F)),
        Tuple.of(2, Arbitraries.integers().between(0xA0, 0x24F)),
        Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
        Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)));
    return codePoints.list().ofMaxSize(24).map(ContractArbitraries::fromCodePoints);
  }

  public static Arbitrary<String> symbols() {
    return Arbitraries.oneOf(Arbitraries.of("BTC-USD", "ETH-USD", "AAPL", "ES.Z5", "EUR/USD"), text());
  }

  public static Arbitrary<String> ids() {
    return Arbitraries.oneOf(Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(16),
        text());
  }

  public static Arbitrary<String> strategies() {
    return Arbitraries.oneOf(Arbitraries.of("momentum", "mean-reversion", "twap"), text());
  }

  @Provide
  public static Arbitrary<Tick> ticks() {
    return Combinators.combine(symbols(), Arbitraries.longs(), fixeds().list().ofSize(6), Arbitraries.longs())
        .as((symbol, ts, f, seq) -> new Tick(symbol, ts, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
            seq));
  }

  /** Empty, small and long batches. */
  @Provide
  public static Arbitrary<TickBatch> tickBatches() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, ticks().list().ofSize(0)),
        Tuple.of(6, ticks().list().ofMinSize(1).ofMaxSize(8)),
        Tuple.of(1, ticks().list().ofMinSize(100).ofMaxSize(300)))
        .map(TickBatch::new);
  }

  @Provide
  public static Arbitrary<Bar> bars() {
    Arbitrary<String> timeframes = Arbitraries.oneOf(Arbitraries.of("1s", "1m", "5m", "1h", "1d"), text());
    return Combinators.combine(symbols(), timeframes, Arbitraries.longs(), fixeds().list().ofSize(6),
            Arbitraries.longs())
        .as((symbol, timeframe, start, f, count) -> new Bar(symbol, timeframe, start, f.get(0), f.get(1), f.get(2),
            f.get(3), f.get(4), f.get(5), count));
  }

  @Provide
  public static Arbitrary<Signal> signals() {
    return Combinators.combine(strategies(), symbols(), sides(), fixeds(), fixeds(), Arbitraries.longs(), text())
        .as(Signal::new);
  }

  /** MARKET orders carry no limit price, LIMIT orders always one. */
  @Provide
  public static Arbitrary<OrderRequest> orderRequests() {
    return Combinators.combine(orderNames(), sides(), Arbitraries.of(OrderType.class), fixeds(), fixeds(),
            Arbitraries.of(TimeInForce.class), Arbitraries.of(true, false), Arbitraries.longs())
        .as((names, side, type, quantity, limit, tif, reduceOnly, ts) -> new OrderRequest(names.get1(),
            names.get2(), names.get3(), side, type, quantity, type == OrderType.MARKET ? null : limit, tif,
            reduceOnly, ts));
  }

  /** An approval has no reason, a denial always one. */
  @Provide
  public static Arbitrary<RiskDecision> riskDecisions() {
    return Combinators.combine(ids(), Arbitraries.of(true, false), Arbitraries.of(ReasonCode.denials()), text(),
            tradingStates(), Arbitraries.longs())
        .as((id, approved, reason, message, state, ts) ->
            new RiskDecision(id, approved, approved ? null : reason, message, state, ts));
  }

  /** limitPrice follows the order type; reasonCode and message are sometimes null. */
  @Provide
  public static Arbitrary<OrderEvent> orderEvents() {
    Arbitrary<ReasonCode> reasonCodes = reasonCodes().injectNull(0.4);
    var kinds = Combinators.combine(sides(), Arbitraries.of(OrderType.class), Arbitraries.of(TimeInForce.class),
            Arbitraries.of(OrderStatus.class))
        .as(Tuple::of);
    return Combinators.combine(orderNames(), kinds, fixeds().list().ofSize(4), reasonCodes, text().injectNull(0.4),
            Arbitraries.longs())
        .as((names, kind, f, reasonCode, message, ts) -> new OrderEvent(names.get1(), names.get2(), names.get3(),
            kind.get1(), kind.get2(), kind.get3(), kind.get4(), f.get(0),
            kind.get2() == OrderType.MARKET ? null : f.get(1), f.get(2), f.get(3), reasonCode, message, ts));
  }

  @Provide
  public static Arbitrary<Fill> fills() {
    return Combinators.combine(ids(), orderNames(), sides(), fixeds(), fixeds(), nonNegativeFixeds(),
            Arbitraries.longs())
        .as((fillId, names, side, quantity, price, fee, ts) -> new Fill(fillId, names.get1(), names.get2(),
            names.get3(), side, quantity, price, fee, ts));
  }

  @Provide
  public static Arbitrary<Position> positions() {
    return Combinators.combine(symbols(), fixeds().list().ofSize(5), Arbitraries.longs())
        .as((symbol, f, ts) -> new Position(symbol, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), ts));
  }

  /** No positions, a few, or many. */
  @Provide
  public static Arbitrary<PortfolioSnapshot> portfolioSnapshots() {
    Arbitrary<List<Position>> positions = Arbitraries.frequencyOf(
        Tuple.of(1, positions().list().ofSize(0)),
        Tuple.of(6, positions().list().ofMinSize(1).ofMaxSize(8)),
        Tuple.of(1, positions().list().ofMinSize(50).ofMaxSize(200)));
    return Combinators.combine(Arbitraries.longs(), fixeds().list().ofSize(9), positions)
        .as((ts, f, p) -> new PortfolioSnapshot(ts, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
            f.get(6), f.get(7), f.get(8), p));
  }

  @Provide
  public static Arbitrary<RiskStateChange> riskStateChanges() {
    return Combinators.combine(tradingStates(), tradingStates(), reasonCodes(), text(), Arbitraries.longs())
        .as(RiskStateChange::new);
  }

  @Provide
  public static Arbitrary<RiskControl> riskControls() {
    return Combinators.combine(Arbitraries.of(ControlCommand.class), text(), Arbitraries.longs())
        .as(RiskControl::new);
  }

  @Provide
  public static Arbitrary<MetricsSnapshot> metricsSnapshots() {
    return Combinators.combine(Arbitraries.longs().list().ofSize(15), fixeds().list().ofSize(4), tradingStates(),
            Arbitraries.integers())
        .as((n, f, state, cpu) -> new MetricsSnapshot(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4), n.get(5),
            n.get(6), f.get(0), f.get(1), f.get(2), f.get(3), state, n.get(7), n.get(8), n.get(9), n.get(10),
            n.get(11), n.get(12), cpu, n.get(13), n.get(14)));
  }

  /** Every kind, with the fields that do not apply sometimes null. */
  @Provide
  public static Arbitrary<JournalEntry> journalEntries() {
    var kinds = Combinators.combine(Arbitraries.of(JournalKind.class),
            Arbitraries.of(ControlCommand.class).injectNull(0.5), tradingStates().injectNull(0.3),
            tradingStates().injectNull(0.3), reasonCodes().injectNull(0.3))
        .as(Tuple::of);
    return Combinators.combine(ids(), kinds, text().injectNull(0.3), text(), fixeds().injectNull(0.5),
            Arbitraries.longs())
        .as((id, k, actor, message, amount, ts) -> new JournalEntry(id, k.get1(), k.get2(), actor, k.get3(),
            k.get4(), k.get5(), message, amount, ts));
  }

  /** Empty and non-empty parts, nullable entries and peak. */
  @Provide
  public static Arbitrary<JournalImage> journalImages() {
    var parts = Combinators.combine(fills().list().ofMaxSize(20), orderEvents().list().ofMaxSize(10),
            positions().list().ofMaxSize(5), Arbitraries.maps(symbols(), fixeds()).ofMaxSize(5))
        .as(Tuple::of);
    var last = Combinators.combine(journalEntries().injectNull(0.3), journalEntries().injectNull(0.3),
            fixeds().injectNull(0.3), ids().list().ofMaxSize(10))
        .as(Tuple::of);
    return Combinators.combine(Arbitraries.longs().list().ofSize(3), parts, last)
        .as((n, p, l) -> new JournalImage(n.get(0), n.get(1), n.get(2), p.get1(), p.get2(), p.get3(), p.get4(),
            l.get1(), l.get2(), l.get3(), l.get4()));
  }

  /** Every contract record type with its generator; a new record belongs here, or the coverage property fails. */
  public static Map<Class<?>, Arbitrary<?>> byRecordType() {
    Map<Class<?>, Arbitrary<?>> all = new LinkedHashMap<>();
    all.put(Tick.class, ticks());
    all.put(TickBatch.class, tickBatches());
    all.put(Bar.class, bars());
    all.put(Signal.class, signals());
    all.put(OrderRequest.class, orderRequests());
    all.put(RiskDecision.class, riskDecisions());
    all.put(OrderEvent.class, orderEvents());
    all.put(Fill.class, fills());
    all.put(Position.class, positions());
    all.put(PortfolioSnapshot.class, portfolioSnapshots());
    all.put(RiskStateChange.class, riskStateChanges());
    all.put(RiskControl.class, riskControls());
    all.put(MetricsSnapshot.class, metricsSnapshots());
    all.put(JournalEntry.class, journalEntries());
    all.put(JournalImage.class, journalImages());
    return all;
  }

  public static Arbitrary<Side> sides() {
    return Arbitraries.of(Side.class);
  }

  /** Every code, whatever its kind: the codecs carry any of them on any record. */
  public static Arbitrary<ReasonCode> reasonCodes() {
    return Arbitraries.of(ReasonCode.class);
  }

  public static Arbitrary<TradingState> tradingStates() {
    return Arbitraries.of(TradingState.class);
  }

  /** (clientOrderId, strategy, symbol). */
  private static Arbitrary<Tuple3<String, String, String>> orderNames() {
    return Combinators.combine(ids(), strategies(), symbols()).as(Tuple::of);
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
