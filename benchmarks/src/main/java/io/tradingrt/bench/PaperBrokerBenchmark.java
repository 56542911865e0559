package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.execution.BrokerConfig;
import io.tradingrt.execution.BrokerResult;
import io.tradingrt.execution.PaperBroker;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A quote followed by a market order that fills against it (submit + fill + events), and a resting limit order
 * that a later quote makes marketable. Orders are pre-built with unique ids; the broker is rebuilt when the pool wraps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PaperBrokerBenchmark {

  static final int POOL = 1 << 18;
  static final BrokerConfig CONFIG = new BrokerConfig(1, 1, Fixed.of("0.01"), 0);

  private OrderRequest[] marketOrders;
  private OrderRequest[] limitOrders;
  private Tick restingQuote;
  private Tick crossingQuote;
  private PaperBroker broker;
  private PaperBroker idle;
  private int next;
  private long now = 1_000_000;

  @Setup
  public void setUp() {
    marketOrders = new OrderRequest[POOL];
    limitOrders = new OrderRequest[POOL];
    for (int i = 0; i < POOL; i++) {
      Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
      marketOrders[i] = new OrderRequest("m-" + i, "bench", "AAPL", side, OrderType.MARKET, Fixed.of(10), null,
          TimeInForce.DAY, false, 0);
      limitOrders[i] = new OrderRequest("l-" + i, "bench", "AAPL", Side.BUY, OrderType.LIMIT, Fixed.of(10),
          Fixed.of("99.50"), TimeInForce.GTC, false, 0);
    }
    restingQuote = quote("99.99", "100.01");
    crossingQuote = quote("99.40", "99.45");
    broker = new PaperBroker(CONFIG, () -> now);
    idle = new PaperBroker(CONFIG, () -> now);
  }

  @Benchmark
  public void tickThenMarketOrderFills(Blackhole blackhole) {
    int i = nextIndex();
    blackhole.consume(broker.onTick(restingQuote));
    BrokerResult result = broker.submit(marketOrders[i]);
    blackhole.consume(result);
  }

  @Benchmark
  public void restingLimitFillsOnNextTick(Blackhole blackhole) {
    int i = nextIndex();
    blackhole.consume(broker.onTick(restingQuote));
    blackhole.consume(broker.submit(limitOrders[i]));
    blackhole.consume(broker.onTick(crossingQuote));
  }

  /** A quote with no order working: what the execution role does on almost every tick. */
  @Benchmark
  public BrokerResult quoteWithNothingWorking() {
    now += 10;
    return idle.onTick((now & 16) == 0 ? restingQuote : crossingQuote);
  }

  private int nextIndex() {
    if (next == POOL) {
      next = 0;
      broker = new PaperBroker(CONFIG, () -> now);
    }
    now += 10;
    return next++;
  }

  private static Tick quote(String bid, String ask) {
    return new Tick("AAPL", 0, Fixed.of(bid), Fixed.of(ask), Fixed.of(1_000), Fixed.of(1_000), Fixed.of(bid),
        Fixed.ONE, 1);
  }
}
