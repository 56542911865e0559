package io.tradingrt.risk;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.time.MicrosClock;

/** Test data builders shared by the core tests: sensible defaults, override only what a test is about. */
public final class TestData {

  private TestData() {
  }

  public static Fixed dec(String text) {
    return Fixed.of(text);
  }

  /** A clock the test moves by hand. */
  public static final class ManualClock implements MicrosClock {
    private long now;

    public ManualClock(long startMicros) {
      this.now = startMicros;
    }

    @Override
    public long nowMicros() {
      return now;
    }

    public void advance(long micros) {
      now += micros;
    }
  }

  public static InstrumentSpec instrument() {
    return new InstrumentSpec(dec("0.01"), dec("1"), dec("1"), dec("100000"), dec("0.01"), dec("1000000"));
  }

  public static LimitsBuilder limits() {
    return new LimitsBuilder();
  }

  public static TickBuilder tick(String symbol) {
    return new TickBuilder(symbol);
  }

  public static OrderBuilder order(String clientOrderId) {
    return new OrderBuilder(clientOrderId);
  }

  /** A fill of {@code quantity} at {@code price}; the fee defaults to zero. */
  public static Fill fill(String clientOrderId, String symbol, Side side, String quantity, String price) {
    return fill(clientOrderId, symbol, side, dec(quantity), dec(price), Fixed.ZERO);
  }

  public static Fill fill(String clientOrderId, String symbol, Side side, Fixed quantity, Fixed price, Fixed fee) {
    return new Fill(clientOrderId + "-F", clientOrderId, "test", symbol, side, quantity, price, fee, 0);
  }

  public static final class TickBuilder {
    private final String symbol;
    private Fixed bid = dec("99.99");
    private Fixed ask = dec("100.01");
    private Fixed size = dec("1000");
    private long ts;

    private TickBuilder(String symbol) {
      this.symbol = symbol;
    }

    public TickBuilder quote(Fixed bid, Fixed ask) {
      this.bid = bid;
      this.ask = ask;
      return this;
    }

    public TickBuilder quote(String bid, String ask) {
      return quote(dec(bid), dec(ask));
    }

    /** A one-cent spread around {@code mid}. */
    public TickBuilder mid(String mid) {
      return quote(dec(mid).minus(dec("0.005")), dec(mid).plus(dec("0.005")));
    }

    public TickBuilder size(Fixed size) {
      this.size = size;
      return this;
    }

    public TickBuilder at(long tsMicros) {
      this.ts = tsMicros;
      return this;
    }

    public Tick build() {
      return new Tick(symbol, ts, bid, ask, size, size, bid, Fixed.ONE, ts);
    }
  }

  public static final class OrderBuilder {
    private long tsMicros;
    private final String id;
    private String strategy = "test";
    private String symbol = "AAPL";
    private Side side = Side.BUY;
    private Fixed quantity = dec("10");
    private Fixed limitPrice;
    private TimeInForce tif = TimeInForce.DAY;
    private boolean reduceOnly;

    private OrderBuilder(String id) {
      this.id = id;
    }

    public OrderBuilder strategy(String strategy) {
      this.strategy = strategy;
      return this;
    }

    public OrderBuilder symbol(String symbol) {
      this.symbol = symbol;
      return this;
    }

    public OrderBuilder side(Side side) {
      this.side = side;
      return this;
    }

    public OrderBuilder quantity(Fixed quantity) {
      this.quantity = quantity;
      return this;
    }

    public OrderBuilder quantity(String quantity) {
      return quantity(dec(quantity));
    }

    /** Null makes a market order. */
    public OrderBuilder limit(Fixed limitPrice) {
      this.limitPrice = limitPrice;
      return this;
    }

    public OrderBuilder tif(TimeInForce tif) {
      this.tif = tif;
      return this;
    }

    /** The order's data time: the time of the tick that caused it. */
    public OrderBuilder at(long tsMicros) {
      this.tsMicros = tsMicros;
      return this;
    }

    public OrderBuilder reduceOnly(boolean reduceOnly) {
      this.reduceOnly = reduceOnly;
      return this;
    }

    public OrderRequest build() {
      OrderType type = limitPrice == null ? OrderType.MARKET : OrderType.LIMIT;
      return new OrderRequest(id, strategy, symbol, side, type, quantity, limitPrice, tif, reduceOnly, tsMicros);
    }
  }

  /** Limits loose enough to stay out of the way; tighten the one under test. */
  public static final class LimitsBuilder {
    private Fixed maxOrderNotional = dec("1000000");
    private Fixed maxPosition = dec("1000000");
    private Fixed maxGross = dec("10000000");
    private Fixed dailyLoss = Fixed.ZERO;
    private TradingState dailyLossAction = TradingState.HALTED;
    private Fixed maxDrawdown = Fixed.ZERO;
    private TradingState drawdownAction = TradingState.REDUCING;
    private int perStrategy;
    private int global;
    private long intervalMicros = 1_000_000;
    private Fixed initialCash = dec("1000000");

    public LimitsBuilder maxOrderNotional(Fixed value) {
      maxOrderNotional = value;
      return this;
    }

    public LimitsBuilder maxPosition(Fixed value) {
      maxPosition = value;
      return this;
    }

    public LimitsBuilder maxGross(Fixed value) {
      maxGross = value;
      return this;
    }

    public LimitsBuilder dailyLoss(Fixed value, TradingState action) {
      dailyLoss = value;
      dailyLossAction = action;
      return this;
    }

    public LimitsBuilder maxDrawdown(Fixed value, TradingState action) {
      maxDrawdown = value;
      drawdownAction = action;
      return this;
    }

    public LimitsBuilder throttle(int perStrategy, int global, long intervalMicros) {
      this.perStrategy = perStrategy;
      this.global = global;
      this.intervalMicros = intervalMicros;
      return this;
    }

    public LimitsBuilder initialCash(Fixed value) {
      initialCash = value;
      return this;
    }

    public RiskLimits build() {
      return new RiskLimits(maxOrderNotional, maxPosition, maxGross, dailyLoss, dailyLossAction, maxDrawdown,
          drawdownAction, perStrategy, global, intervalMicros, initialCash);
    }
  }
}
