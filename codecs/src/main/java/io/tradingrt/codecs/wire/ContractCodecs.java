package io.tradingrt.codecs.wire;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.JournalKind;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One codec per contract record, and the one call that registers them all on a Vert.x instance. */
public final class ContractCodecs {

  private static final Side[] SIDES = Side.values();
  private static final TradingState[] STATES = TradingState.values();

  private ContractCodecs() {
  }

  /** Every codec of the contract; tests iterate this list so a new record cannot miss its round-trip property. */
  public static List<RecordCodec<?>> all() {
    return List.of(new TickCodec(), new TickBatchCodec(), new BarCodec(), new SignalCodec(), new OrderRequestCodec(),
        new RiskDecisionCodec(), new OrderEventCodec(), new FillCodec(), new PositionCodec(),
        new PortfolioSnapshotCodec(), new RiskStateChangeCodec(), new RiskControlCodec(), new MetricsSnapshotCodec(),
        new JournalEntryCodec(), new JournalImageCodec());
  }

  /** Registers every codec as the default for its record type; must run on every node of a cluster. Idempotent. */
  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (RecordCodec<?> codec : all()) {
      registerDefault(bus, codec);
    }
  }

  private static <T> void registerDefault(EventBus bus, RecordCodec<T> codec) {
    try {
      bus.registerDefaultCodec(codec.type(), codec);
    } catch (IllegalStateException alreadyRegistered) {
      // a second deployment on the same Vert.x instance: the codec is already there
    }
  }

  public static final class TickCodec extends RecordCodec<Tick> {
    public TickCodec() {
      super(Tick.class);
    }

    @Override
    protected void write(WireOut out, Tick t) {
      writeTick(out, t);
    }

    @Override
    protected Tick read(WireIn in) {
      return readTick(in);
    }
  }

  static void writeTick(WireOut out, Tick t) {
    out.string(t.symbol()).longValue(t.tsMicros()).fixed(t.bid()).fixed(t.ask()).fixed(t.bidSize())
        .fixed(t.askSize()).fixed(t.last()).fixed(t.lastSize()).longValue(t.seq());
  }

  static Tick readTick(WireIn in) {
    return new Tick(in.string(), in.longValue(), in.fixed(), in.fixed(), in.fixed(), in.fixed(), in.fixed(),
        in.fixed(), in.longValue());
  }

  public static final class TickBatchCodec extends RecordCodec<TickBatch> {
    public TickBatchCodec() {
      super(TickBatch.class);
    }

    @Override
    protected void write(WireOut out, TickBatch batch) {
      out.intValue(batch.ticks().size());
      for (Tick tick : batch.ticks()) {
        writeTick(out, tick);
      }
    }

    @Override
    protected TickBatch read(WireIn in) {
      int size = in.intValue();
      List<Tick> ticks = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        ticks.add(readTick(in));
      }
      return new TickBatch(ticks);
    }
  }

  public static final class BarCodec extends RecordCodec<Bar> {
    public BarCodec() {
      super(Bar.class);
    }

    @Override
    protected void write(WireOut out, Bar b) {
      out.string(b.symbol()).string(b.timeframe()).longValue(b.startMicros()).fixed(b.open()).fixed(b.high())
          .fixed(b.low()).fixed(b.close()).fixed(b.volume()).fixed(b.vwap()).longValue(b.tradeCount());
    }

    @Override
    protected Bar read(WireIn in) {
      return new Bar(in.string(), in.string(), in.longValue(), in.fixed(), in.fixed(), in.fixed(), in.fixed(),
          in.fixed(), in.fixed(), in.longValue());
    }
  }

  public static final class SignalCodec extends RecordCodec<Signal> {
    public SignalCodec() {
      super(Signal.class);
    }

    @Override
    protected void write(WireOut out, Signal s) {
      out.string(s.strategy()).string(s.symbol()).enumValue(s.side()).fixed(s.quantity()).fixed(s.referencePrice())
          .longValue(s.tsMicros()).string(s.reason());
    }

    @Override
    protected Signal read(WireIn in) {
      return new Signal(in.string(), in.string(), in.enumValue(SIDES), in.fixed(), in.fixed(), in.longValue(),
          in.string());
    }
  }

  public static final class OrderRequestCodec extends RecordCodec<OrderRequest> {
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();

    public OrderRequestCodec() {
      super(OrderRequest.class);
    }

    @Override
    protected void write(WireOut out, OrderRequest o) {
      out.string(o.clientOrderId()).string(o.strategy()).string(o.symbol()).enumValue(o.side()).enumValue(o.type())
          .fixed(o.quantity()).nullableFixed(o.limitPrice()).enumValue(o.timeInForce()).bool(o.reduceOnly())
          .longValue(o.tsMicros());
    }

    @Override
    protected OrderRequest read(WireIn in) {
      return new OrderRequest(in.string(), in.string(), in.string(), in.enumValue(SIDES), in.enumValue(TYPES),
          in.fixed(), in.nullableFixed(), in.enumValue(TIFS), in.bool(), in.longValue());
    }
  }

  public static final class RiskDecisionCodec extends RecordCodec<RiskDecision> {
    public RiskDecisionCodec() {
      super(RiskDecision.class);
    }

    @Override
    protected void write(WireOut out, RiskDecision d) {
      out.string(d.clientOrderId()).bool(d.approved()).reasonCode(d.reason()).string(d.message())
          .enumValue(d.state()).longValue(d.tsMicros());
    }

    @Override
    protected RiskDecision read(WireIn in) {
      return new RiskDecision(in.string(), in.bool(), in.reasonCode(), in.string(), in.enumValue(STATES),
          in.longValue());
    }
  }

  public static final class OrderEventCodec extends RecordCodec<OrderEvent> {
    public OrderEventCodec() {
      super(OrderEvent.class);
    }

    @Override
    protected void write(WireOut out, OrderEvent e) {
      writeOrderEvent(out, e);
    }

    @Override
    protected OrderEvent read(WireIn in) {
      return readOrderEvent(in);
    }
  }

  private static final OrderType[] ORDER_TYPES = OrderType.values();
  private static final OrderStatus[] ORDER_STATUSES = OrderStatus.values();
  private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();

  static void writeOrderEvent(WireOut out, OrderEvent e) {
    out.string(e.clientOrderId()).string(e.strategy()).string(e.symbol()).enumValue(e.side()).enumValue(e.type())
        .enumValue(e.timeInForce()).enumValue(e.status()).fixed(e.quantity()).nullableFixed(e.limitPrice())
        .fixed(e.filledQuantity()).fixed(e.avgFillPrice()).reasonCode(e.reasonCode()).string(e.message())
        .longValue(e.tsMicros());
  }

  static OrderEvent readOrderEvent(WireIn in) {
    return new OrderEvent(in.string(), in.string(), in.string(), in.enumValue(SIDES), in.enumValue(ORDER_TYPES),
        in.enumValue(TIMES_IN_FORCE), in.enumValue(ORDER_STATUSES), in.fixed(), in.nullableFixed(), in.fixed(),
        in.fixed(), in.reasonCode(), in.string(), in.longValue());
  }

  public static final class FillCodec extends RecordCodec<Fill> {
    public FillCodec() {
      super(Fill.class);
    }

    @Override
    protected void write(WireOut out, Fill f) {
      writeFill(out, f);
    }

    @Override
    protected Fill read(WireIn in) {
      return readFill(in);
    }
  }

  static void writeFill(WireOut out, Fill f) {
    out.string(f.fillId()).string(f.clientOrderId()).string(f.strategy()).string(f.symbol()).enumValue(f.side())
        .fixed(f.quantity()).fixed(f.price()).fixed(f.fee()).longValue(f.tsMicros());
  }

  static Fill readFill(WireIn in) {
    return new Fill(in.string(), in.string(), in.string(), in.string(), in.enumValue(SIDES), in.fixed(),
        in.fixed(), in.fixed(), in.longValue());
  }

  public static final class PositionCodec extends RecordCodec<Position> {
    public PositionCodec() {
      super(Position.class);
    }

    @Override
    protected void write(WireOut out, Position p) {
      writePosition(out, p);
    }

    @Override
    protected Position read(WireIn in) {
      return readPosition(in);
    }
  }

  static void writePosition(WireOut out, Position p) {
    out.string(p.symbol()).fixed(p.quantity()).fixed(p.avgPrice()).fixed(p.realizedPnl()).fixed(p.unrealizedPnl())
        .fixed(p.lastPrice()).longValue(p.tsMicros());
  }

  static Position readPosition(WireIn in) {
    return new Position(in.string(), in.fixed(), in.fixed(), in.fixed(), in.fixed(), in.fixed(), in.longValue());
  }

  public static final class PortfolioSnapshotCodec extends RecordCodec<PortfolioSnapshot> {
    public PortfolioSnapshotCodec() {
      super(PortfolioSnapshot.class);
    }

    @Override
    protected void write(WireOut out, PortfolioSnapshot s) {
      out.longValue(s.tsMicros()).fixed(s.cash()).fixed(s.equity()).fixed(s.realizedPnl()).fixed(s.unrealizedPnl())
          .fixed(s.fees()).fixed(s.grossExposure()).fixed(s.netExposure()).fixed(s.peakEquity()).fixed(s.drawdown())
          .intValue(s.positions().size());
      for (Position p : s.positions()) {
        writePosition(out, p);
      }
    }

    @Override
    protected PortfolioSnapshot read(WireIn in) {
      long ts = in.longValue();
      var cash = in.fixed();
      var equity = in.fixed();
      var realized = in.fixed();
      var unrealized = in.fixed();
      var fees = in.fixed();
      var gross = in.fixed();
      var net = in.fixed();
      var peak = in.fixed();
      var drawdown = in.fixed();
      int size = in.intValue();
      List<Position> positions = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        positions.add(readPosition(in));
      }
      return new PortfolioSnapshot(ts, cash, equity, realized, unrealized, fees, gross, net, peak, drawdown, positions);
    }
  }

  public static final class RiskStateChangeCodec extends RecordCodec<RiskStateChange> {
    public RiskStateChangeCodec() {
      super(RiskStateChange.class);
    }

    @Override
    protected void write(WireOut out, RiskStateChange c) {
      out.enumValue(c.from()).enumValue(c.to()).reasonCode(c.cause()).string(c.message()).longValue(c.tsMicros());
    }

    @Override
    protected RiskStateChange read(WireIn in) {
      return new RiskStateChange(in.enumValue(STATES), in.enumValue(STATES), in.reasonCode(), in.string(),
          in.longValue());
    }
  }

  public static final class RiskControlCodec extends RecordCodec<RiskControl> {
    private static final ControlCommand[] COMMANDS = ControlCommand.values();

    public RiskControlCodec() {
      super(RiskControl.class);
    }

    @Override
    protected void write(WireOut out, RiskControl c) {
      out.enumValue(c.command()).string(c.reason()).longValue(c.tsMicros());
    }

    @Override
    protected RiskControl read(WireIn in) {
      return new RiskControl(in.enumValue(COMMANDS), in.string(), in.longValue());
    }
  }

  public static final class MetricsSnapshotCodec extends RecordCodec<MetricsSnapshot> {
    public MetricsSnapshotCodec() {
      super(MetricsSnapshot.class);
    }

    @Override
    protected void write(WireOut out, MetricsSnapshot m) {
      out.longValue(m.tsMicros()).longValue(m.ticksTotal()).longValue(m.ticksPerSecond()).longValue(m.signalsTotal())
          .longValue(m.ordersTotal()).longValue(m.ordersDenied()).longValue(m.fillsTotal()).fixed(m.equity())
          .fixed(m.realizedPnl()).fixed(m.unrealizedPnl()).fixed(m.drawdown()).enumValue(m.tradingState())
          .longValue(m.tickToTradeP50Micros()).longValue(m.tickToTradeP99Micros()).longValue(m.writerQueueDepth())
          .longValue(m.writerDropped()).longValue(m.heapUsedBytes()).longValue(m.heapMaxBytes())
          .intValue(m.cpuPermille()).longValue(m.inRuntimeP50Micros()).longValue(m.inRuntimeP99Micros());
    }

    @Override
    protected MetricsSnapshot read(WireIn in) {
      return new MetricsSnapshot(in.longValue(), in.longValue(), in.longValue(), in.longValue(), in.longValue(),
          in.longValue(), in.longValue(), in.fixed(), in.fixed(), in.fixed(), in.fixed(), in.enumValue(STATES),
          in.longValue(), in.longValue(), in.longValue(), in.longValue(), in.longValue(), in.longValue(),
          in.intValue(), in.longValue(), in.longValue());
    }
  }

  public static final class JournalEntryCodec extends RecordCodec<JournalEntry> {
    public JournalEntryCodec() {
      super(JournalEntry.class);
    }

    @Override
    protected void write(WireOut out, JournalEntry e) {
      writeJournalEntry(out, e);
    }

    @Override
    protected JournalEntry read(WireIn in) {
      return readJournalEntry(in);
    }
  }

  private static final JournalKind[] JOURNAL_KINDS = JournalKind.values();
  private static final ControlCommand[] CONTROL_COMMANDS = ControlCommand.values();

  /** A nullable entry: a presence byte, then the fields. */
  static void writeJournalEntry(WireOut out, JournalEntry e) {
    out.bool(e != null);
    if (e != null) {
      out.string(e.entryId()).enumValue(e.kind()).enumValue(e.command()).string(e.actor()).enumValue(e.from())
          .enumValue(e.to()).reasonCode(e.reasonCode()).string(e.message()).nullableFixed(e.amount())
          .longValue(e.tsMicros());
    }
  }

  static JournalEntry readJournalEntry(WireIn in) {
    if (!in.bool()) {
      return null;
    }
    return new JournalEntry(in.string(), in.enumValue(JOURNAL_KINDS), in.enumValue(CONTROL_COMMANDS), in.string(),
        in.enumValue(STATES), in.enumValue(STATES), in.reasonCode(), in.string(), in.nullableFixed(), in.longValue());
  }

  /** Locally the image is handed over as is; between nodes a million fills cost ~70 bytes each. */
  public static final class JournalImageCodec extends RecordCodec<JournalImage> {
    public JournalImageCodec() {
      super(JournalImage.class);
    }

    @Override
    protected void write(WireOut out, JournalImage image) {
      out.longValue(image.runId()).longValue(image.entries()).longValue(image.readMicros());
      out.intValue(image.fills().size());
      image.fills().forEach(f -> writeFill(out, f));
      out.intValue(image.workingOrders().size());
      image.workingOrders().forEach(e -> writeOrderEvent(out, e));
      out.intValue(image.positions().size());
      image.positions().forEach(p -> writePosition(out, p));
      out.intValue(image.tradedQuantities().size());
      image.tradedQuantities().forEach((symbol, quantity) -> out.string(symbol).fixed(quantity));
      writeJournalEntry(out, image.lastStateChange());
      writeJournalEntry(out, image.lastDayRoll());
      out.nullableFixed(image.peakEquity());
      out.intValue(image.recentOrderIds().size());
      image.recentOrderIds().forEach(out::string);
    }

    @Override
    protected JournalImage read(WireIn in) {
      long runId = in.longValue();
      long entries = in.longValue();
      long readMicros = in.longValue();
      List<Fill> fills = new ArrayList<>();
      for (int i = in.intValue(); i > 0; i--) {
        fills.add(readFill(in));
      }
      List<OrderEvent> working = new ArrayList<>();
      for (int i = in.intValue(); i > 0; i--) {
        working.add(readOrderEvent(in));
      }
      List<Position> positions = new ArrayList<>();
      for (int i = in.intValue(); i > 0; i--) {
        positions.add(readPosition(in));
      }
      Map<String, Fixed> traded = new LinkedHashMap<>();
      for (int i = in.intValue(); i > 0; i--) {
        traded.put(in.string(), in.fixed());
      }
      JournalEntry lastState = readJournalEntry(in);
      JournalEntry lastDayRoll = readJournalEntry(in);
      Fixed peak = in.nullableFixed();
      List<String> ids = new ArrayList<>();
      for (int i = in.intValue(); i > 0; i--) {
        ids.add(in.string());
      }
      return new JournalImage(runId, entries, readMicros, fills, working, positions, traded, lastState, lastDayRoll,
          peak, ids);
    }
  }
}
