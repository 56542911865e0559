package io.tradingrt.risk;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.config.InstrumentSettings;
import io.tradingrt.config.RiskSettings;
import io.tradingrt.flow.SessionTimer;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.journal.DurableSender;
import io.tradingrt.journal.JournalFetch;
import io.tradingrt.time.MicrosClock;
import io.tradingrt.time.TradingCalendar;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Pre-trade risk: every {@link OrderRequest} on {@link Addresses#ORDERS_SUBMIT} is checked by the {@link RiskEngine};
 * approvals go to execution with their headers, denials are published as DENIED order events. Trading-state changes
 * (from control commands or breached loss limits) are published on {@link Addresses#RISK_STATE}.
 */
public final class RiskVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RiskVerticle.class.getName());

  /** The one clock of this role: the engine and the trading calendar both read it. */
  private final MicrosClock clock = MicrosClock.SYSTEM;
  private final RiskSettings settings;
  private final Map<String, InstrumentSettings> instruments;
  private final List<String> symbols;
  private final Fixed initialCash;
  private final boolean persist;
  private final BooleanSupplier acting;
  private RiskEngine engine;
  private EventBus bus;
  /** Denials are order events too: they are stored like the execution verticle's, acknowledged after COMMIT. */
  private DurableSender durable;
  private boolean pollingStorage;
  private RecoveryReport recovery;
  private final long startMicros = clock.nowMicros();
  private long entryCount;

  /**
   * @param instruments the {@code instruments} section, by symbol or {@code default}
   * @param symbols     the fed symbols: each gets the {@code default} instrument unless it has its own
   * @param initialCash the portfolio's starting cash, risk's starting equity
   * @param persist     whether denials are stored (and so whether storage faults stop trading)
   */
  public RiskVerticle(RiskSettings settings, Map<String, InstrumentSettings> instruments, List<String> symbols,
                      Fixed initialCash, boolean persist) {
    this(settings, instruments, symbols, initialCash, persist, () -> true);
  }

  /**
   * @param acting whether this node may act as the trading core now: in a cluster, whether it holds the
   *               {@code trading-core} lease and its time has not run out (the fence, asked for every order)
   */
  public RiskVerticle(RiskSettings settings, Map<String, InstrumentSettings> instruments, List<String> symbols,
                      Fixed initialCash, boolean persist, BooleanSupplier acting) {
    this.acting = acting;
    this.settings = settings;
    this.instruments = instruments;
    this.symbols = symbols;
    this.initialCash = initialCash;
    this.persist = persist;
  }

  @Override
  public Future<?> start() {
    try {
      engine = new RiskEngine(Instruments.fromSettings(instruments, symbols), RiskLimits.fromSettings(settings,
          initialCash), clock);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("risk: invalid configuration: " + e.getMessage());
    }
    bus = vertx.eventBus();
    List<Future<?>> consumers = new ArrayList<>();
    // without persist nothing needs an acknowledgement from storage, so its health does not matter here
    if (persist) {
      durable = new DurableSender(vertx, settings.storageTimeoutMs(), DurableSender.MAX_PENDING);
      consumers.add(watchStorage(new StorageWatch(settings.storageUnavailableAction(), engine,
          this::publishStateChanges)));
    }
    long started = System.nanoTime();
    Future<JournalImage> journal = persist ? JournalFetch.fetch(vertx, "risk", false)
        : Future.succeededFuture(JournalImage.empty(0));
    return journal.compose(image -> {
      recover(image, (System.nanoTime() - started) / 1_000);
      return startConsuming(consumers);
    });
  }

  /**
   * Rebuilds the engine from the journal before the first order is checked, checks the rebuilt book against the
   * stored positions (a difference starts HALTED with {@link ReasonCode#RECOVERY_MISMATCH}), rolls the day if the
   * session changed while the runtime was down, and logs the recovery report.
   */
  private void recover(JournalImage image, long waitedMicros) {
    long foldStarted = System.nanoTime();
    List<String> mismatches = engine.rebuild(image);
    if (!mismatches.isEmpty()) {
      engine.recoveryMismatch("the rebuilt book differs from the stored positions: " + String.join("; ", mismatches));
    }
    TradingCalendar calendar = new TradingCalendar(clock);
    if (persist && (image.lastDayRoll() == null || image.lastDayRoll().tsMicros() < calendar.sessionStart())) {
      startNewDay();
    }
    long foldMicros = (System.nanoTime() - foldStarted) / 1_000;
    List<Position> positions = new ArrayList<>();
    for (String symbol : engine.tradedSymbols()) {
      engine.position(symbol).filter(p -> !p.quantity().isZero()).ifPresent(positions::add);
    }
    // the read includes waiting for the writer, which is what a restart costs
    long readMicros = Math.max(image.readMicros(), waitedMicros - foldMicros);
    recovery = new RecoveryReport(persist, image.runId(), image.entries(), image.fills().size(), readMicros,
        foldMicros, positions, engine.openOrderIds(), engine.state(), engine.lastStateChange(), engine.cash(),
        engine.realizedPnl(), engine.fees(), engine.dayStartEquity(), mismatches, clock.nowMicros());
    if (mismatches.isEmpty()) {
      LOG.info(recovery::line);
    } else {
      LOG.severe(recovery::line);
    }
    publishStateChanges();
  }

  private void startNewDay() {
    engine.startNewDay();
    journal(JournalEntry.dayRoll(entryId("day"), engine.dayStartEquity(), clock.nowMicros()), id -> { });
    LOG.info(() -> "risk: new trading day, daily loss measured from equity " + engine.dayStartEquity());
  }

  private Future<?> startConsuming(List<Future<?>> consumers) {
    vertx.setPeriodic(1_000, id -> {
      publishStateChanges();
      bus.publish(Addresses.RISK_LIMITS, limitsJson());
    });
    // the daily-loss baseline resets at each session start of the paper venue
    SessionTimer.everySessionStart(vertx, new TradingCalendar(clock), this::startNewDay);
    consumers.addAll(List.of(
        bus.<Object>consumer(Addresses.RISK_RECOVERY, m -> m.reply(recoveryJson(recovery))).completion(),
        bus.<OrderRequest>consumer(Addresses.ORDERS_SUBMIT, this::onOrder).completion(),
        bus.consumer(Addresses.RISK_FLATTEN, this::onFlatten).completion(),
        bus.consumer(Addresses.RISK_LIMIT_USAGE, m -> m.reply(limitsJson())).completion(),
        bus.<RiskControl>consumer(Addresses.RISK_CONTROL, this::onControl).completion(),
        bus.<RiskControl>consumer(Addresses.RISK_RECONCILIATION, this::onReconciliation).completion(),
        TickFlow.consumer(vertx, "risk", m -> {
          m.body().ticks().forEach(engine::onTick);
          publishStateChanges();
        }).completion(),
        bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> engine.onOrderEvent(m.body())).completion(),
        bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> {
          engine.onFill(m.body());
          publishStateChanges();
        }).completion()));
    return Future.all(consumers);
  }

  private void onOrder(Message<OrderRequest> message) {
    message.reply(decide(message.body(), message.headers()));
  }

  /**
   * {@link Addresses#RISK_FLATTEN}: the engine builds the reduce-only market order against its whole position, which
   * then goes through the checks like any order; a flat position is a 409 with {@code NO_POSITION}.
   */
  private void onFlatten(Message<Object> message) {
    String symbol = message.body() instanceof JsonObject json ? json.getString("symbol") : null;
    if (symbol == null) {
      message.fail(400, "INVALID_PARAMETER: risk.flatten takes {\"symbol\": \"...\"}");
      return;
    }
    String id = "flatten-" + symbol + "-" + clock.nowMicros() + "-" + (++entryCount);
    engine.flattenOrder(symbol, id).ifPresentOrElse(order -> {
      LOG.warning(() -> "risk: flatten " + symbol + " by " + actorOf(message) + ": " + order.side() + " "
          + order.quantity());
      message.reply(decide(order, message.headers()));
    }, () -> message.fail(409, "NO_POSITION: there is no open position in " + symbol + " to flatten"));
  }

  private static String actorOf(Message<?> message) {
    String actor = message.headers().get(Headers.ACTOR);
    return actor == null ? "an unnamed sender" : actor;
  }

  private RiskDecision decide(OrderRequest order, io.vertx.core.MultiMap messageHeaders) {
    if (!acting.getAsBoolean()) {
      // fenced: another node may hold the trading core by now, so this one decides nothing and stores nothing
      engine.countDenial(ReasonCode.NO_TRADING_CORE);
      return RiskDecision.deny(order.clientOrderId(), ReasonCode.NO_TRADING_CORE,
          "this node lost its trading-core lease", engine.state(), clock.nowMicros());
    }
    RiskDecision decision = engine.check(order);
    publishStateChanges();
    DeliveryOptions headers = new DeliveryOptions().setHeaders(messageHeaders);
    if (decision.approved()) {
      bus.send(Addresses.EXEC_SUBMIT, order, headers);
    } else {
      OrderEvent denied = new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(),
          order.type(), order.timeInForce(), OrderStatus.DENIED, order.quantity(), order.limitPrice(), Fixed.ZERO,
          Fixed.ZERO, decision.reason(), decision.message(), decision.tsMicros());
      bus.publish(Addresses.EXEC_EVENTS, denied, headers);
      if (durable != null) {
        durable.send(Addresses.STORAGE_ORDER_EVENTS, denied, order.clientOrderId() + "/DENIED", id -> { });
      }
    }
    return decision;
  }

  /** KILL halts first, then cancels every working order at the broker before answering, so no fill follows. */
  private void onControl(Message<RiskControl> message) {
    RiskControl control = message.body();
    if (fenced(message)) {
      return;
    }
    TradingState before = engine.state();
    var change = engine.control(control.command(), control.reason());
    publishStateChanges();
    RiskStateChange answer = change.orElse(new RiskStateChange(before, engine.state(),
        ReasonCode.of(control.command()), "trading state stays " + engine.state(), clock.nowMicros()));
    String actor = message.headers().get(Headers.ACTOR);
    LOG.warning(() -> "risk: " + control.command() + " by " + (actor == null ? "an unnamed sender" : actor) + " ("
        + control.reason() + "): " + answer.from() + " -> " + answer.to());
    // the command takes effect at once; it is answered once journaled, or at once while storage cannot commit
    // (a HALT must not wait for storage), and journaled when storage commits again
    Promise<Void> journaled = Promise.promise();
    journal(JournalEntry.control(entryId("control"), control, actor, engine.state()), id -> journaled.tryComplete());
    if (durable == null || !engine.storageIsAvailable()) {
      journaled.tryComplete();
    }
    Future<Void> canceled = control.command() != ControlCommand.KILL ? Future.succeededFuture()
        : bus.<Integer>request(Addresses.EXEC_CANCEL_ALL, "kill switch: " + control.reason())
            .andThen(result -> LOG.warning(() -> "risk: kill switch canceled "
                + (result.succeeded() ? result.result().body() : 0) + " working orders" + (result.failed()
                ? " (execution did not answer: " + result.cause().getMessage() + ")" : "")))
            .<Void>mapEmpty().otherwiseEmpty();
    Future.all(journaled.future(), canceled).onComplete(done -> message.reply(answer));
  }

  /**
   * FIX execution found a working order the venue does not know, or filled differently: the state changes with
   * {@code RECONCILIATION_MISMATCH} and is journaled as a state change, so a restart restores it with its cause.
   */
  private void onReconciliation(Message<RiskControl> message) {
    RiskControl control = message.body();
    if (fenced(message)) {
      return;
    }
    TradingState before = engine.state();
    var change = engine.reconciliationMismatch(control.command(), control.reason());
    publishStateChanges();
    message.reply(change.orElse(new RiskStateChange(before, engine.state(), ReasonCode.RECONCILIATION_MISMATCH,
        "trading state stays " + engine.state(), clock.nowMicros())));
  }

  /** A node that lost its trading-core lease refuses state changes (503, {@code NO_TRADING_CORE}). */
  private boolean fenced(Message<?> message) {
    if (acting.getAsBoolean()) {
      return false;
    }
    message.fail(503, ReasonCode.NO_TRADING_CORE.sentence() + ": this node lost its trading-core lease");
    return true;
  }

  /** Durable like an order event: retried until the writer commits it. */
  private void journal(JournalEntry entry, Consumer<String> onStored) {
    if (durable != null) {
      durable.send(Addresses.STORAGE_JOURNAL_ENTRIES, entry, entry.entryId(), onStored);
    }
  }

  /** Unique across restarts: the time of this start and a counter. */
  private String entryId(String kind) {
    return kind + "/" + startMicros + "-" + (++entryCount);
  }

  /** The {@code risk.limits} JSON: trading state with its cause and time, each limit's usage, denials by reason. */
  private JsonObject limitsJson() {
    RiskStateChange last = engine.lastStateChange();
    JsonArray limits = new JsonArray();
    for (LimitUsage usage : engine.limitUsage()) {
      limits.add(new JsonObject().put("name", usage.name()).put("symbol", usage.symbol())
          .put("strategy", usage.strategy()).put("used", usage.used().toString())
          .put("limit", usage.limit().toString()).put("ratio", usage.ratio()));
    }
    return new JsonObject().put("tsMicros", clock.nowMicros()).put("state", engine.state().name())
        .put("cause", last == null ? null : last.cause().code()).put("message", last == null ? null : last.message())
        .put("sinceMicros", last == null ? startMicros : last.tsMicros()).put("limits", limits)
        .put("denials", new JsonObject().put("lastMinute", counts(engine.denialsLastMinute()))
            .put("sinceStart", counts(engine.denialsSinceStart())));
  }

  private static JsonObject counts(Map<ReasonCode, Long> byReason) {
    JsonObject json = new JsonObject();
    byReason.forEach((reason, count) -> json.put(reason.code(), count));
    return json;
  }

  private static JsonObject recoveryJson(RecoveryReport report) {
    JsonArray positions = new JsonArray();
    report.positions().forEach(p -> positions.add(new JsonObject(ContractJson.write(p))));
    JsonObject json = new JsonObject().put("journaled", report.journaled()).put("runId", report.runId())
        .put("entries", report.entries()).put("fills", report.fills()).put("readMillis", report.readMicros() / 1_000)
        .put("rebuildMillis", report.foldMicros() / 1_000).put("totalMillis", report.totalMillis())
        .put("positions", positions).put("workingOrders", new JsonArray(report.workingOrders()))
        .put("state", report.state().name()).put("cash", report.cash().toString())
        .put("realizedPnl", report.realizedPnl().toString()).put("fees", report.fees().toString())
        .put("dayStartEquity", report.dayStartEquity().toString())
        .put("mismatches", new JsonArray(report.mismatches())).put("consistent", report.mismatches().isEmpty())
        .put("tsMicros", report.tsMicros()).put("line", report.line());
    if (report.lastChange() != null) {
      json.put("lastChange", new JsonObject(ContractJson.write(report.lastChange())));
    }
    return json;
  }

  private Future<Void> watchStorage(StorageWatch watch) {
    vertx.setPeriodic(StorageWatch.POLL_MILLIS, id -> pollStorage(watch));
    return bus.<JsonObject>consumer(Addresses.STORAGE_STATUS, m -> health(watch, m.body())).completion();
  }

  private void pollStorage(StorageWatch watch) {
    if (pollingStorage) {
      return;
    }
    pollingStorage = true;
    bus.<Object>request(Addresses.STORAGE_HEALTH, new JsonObject(),
            new DeliveryOptions().setSendTimeout(StorageWatch.POLL_TIMEOUT_MILLIS))
        .onComplete(reply -> {
          pollingStorage = false;
          if (reply.succeeded() && reply.result().body() instanceof JsonObject health) {
            health(watch, health);
          } else {
            watch.noAnswer(reply.failed() ? reply.cause().getMessage() : "unreadable health reply");
          }
        });
  }

  private static void health(StorageWatch watch, JsonObject health) {
    watch.health(health.getBoolean("ready", false), health.getString("lastError", "the writer is not ready"));
  }

  private void publishStateChanges() {
    for (RiskStateChange change : engine.drainStateChanges()) {
      LOG.warning(() -> "risk: trading state " + change.from() + " -> " + change.to() + " (" + change.cause() + "): "
          + change.message());
      bus.publish(Addresses.RISK_STATE, change);
      journal(JournalEntry.stateChange(entryId("state"), change), id -> { });
    }
  }
}
