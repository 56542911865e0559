package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.risk.InstrumentSpec;
import io.tradingrt.risk.Instruments;
import io.tradingrt.risk.RiskEngine;
import io.tradingrt.risk.RiskLimits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pre-trade check that passes every limit and registers the order, plus the terminal event that releases it.
 * Orders are pre-built with unique ids (the engine refuses a seen id); when the pool wraps the engine is rebuilt,
 * a cost amortized over {@link #POOL} operations. {@code tick}: one quote, with no order working.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RiskEngineBenchmark {

  static final int POOL = 1 << 18;
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");

  private OrderRequest[] orders;
  private OrderEvent[] releases;
  private Tick[] ticks;
  private RiskEngine engine;
  private int next;
  private long now = 1_000_000;

  @Setup
  public void setUp() {
    orders = new OrderRequest[POOL];
    releases = new OrderEvent[POOL];
    for (int i = 0; i < POOL; i++) {
      String symbol = SYMBOLS.get(i % SYMBOLS.size());
      Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
      orders[i] = new OrderRequest("bench-" + i, "bench", symbol, side, OrderType.MARKET, Fixed.of(10), null,
          TimeInForce.DAY, false, 0);
      releases[i] = new OrderEvent(orders[i].clientOrderId(), "bench", symbol, side, OrderType.MARKET,
          TimeInForce.DAY, OrderStatus.CANCELED, Fixed.of(10), null, Fixed.ZERO, Fixed.ZERO, null, null, 0);
    }
    ticks = new Tick[1 << 10];
    for (int i = 0; i < ticks.length; i++) {
      Fixed mid = Fixed.of(100).plus(Fixed.ofRaw((i % 37) * 1_000_000L));
      ticks[i] = new Tick(SYMBOLS.get(i % SYMBOLS.size()), i, mid.minus(Fixed.of("0.01")), mid.plus(Fixed.of("0.01")),
          Fixed.of(500), Fixed.of(500), mid, Fixed.ONE, i);
    }
    engine = newEngine();
  }

  @Benchmark
  public RiskDecision checkApprovedAndReleased() {
    if (next == POOL) {
      next = 0;
      engine = newEngine();
    }
    int i = next++;
    now += 10;
    RiskDecision decision = engine.check(orders[i]);
    engine.onOrderEvent(releases[i]);
    return decision;
  }

  /** The per-tick work of the risk role: store the quote, mark the account, look at the loss limits. */
  @Benchmark
  public RiskEngine tick() {
    now += 10;
    engine.onTick(ticks[(int) (now / 10) & (ticks.length - 1)]);
    return engine;
  }

  private RiskEngine newEngine() {
    InstrumentSpec spec = new InstrumentSpec(Fixed.of("0.01"), Fixed.ONE, Fixed.ONE, Fixed.of(100_000),
        Fixed.of("0.01"), Fixed.of(1_000_000));
    RiskLimits limits = new RiskLimits(Fixed.of(100_000), Fixed.of(1_000), Fixed.of(500_000), Fixed.of(20_000),
        TradingState.HALTED, Fixed.of(30_000), TradingState.REDUCING, 1_000_000, 1_000_000, 1_000_000,
        Fixed.of(1_000_000));
    RiskEngine fresh = new RiskEngine(Instruments.expand(Map.of(Instruments.DEFAULT_KEY, spec), SYMBOLS), limits,
        () -> now);
    for (String symbol : SYMBOLS) {
      fresh.onTick(new Tick(symbol, now, Fixed.of("99.99"), Fixed.of("100.01"), Fixed.of(500), Fixed.of(500),
          Fixed.of(100), Fixed.ONE, 1));
    }
    return fresh;
  }
}
