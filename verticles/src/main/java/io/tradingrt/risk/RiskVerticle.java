package io.tradingrt.risk;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.config.InstrumentSettings;
import io.tradingrt.config.RiskSettings;
import io.tradingrt.flow.SessionTimer;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.journal.DurableSender;
import io.tradingrt.time.MicrosClock;
import io.tradingrt.time.TradingCalendar;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private RiskEngine engine;
  private EventBus bus;
  /** Denials are order events too: they are stored like the execution verticle's, acknowledged after COMMIT. */
  private DurableSender durable;
  private boolean pollingStorage;

  /**
   * @param instruments the {@code instruments} section, by symbol or {@code default}
   * @param symbols     the fed symbols: each gets the {@code default} instrument unless it has its own
   * @param initialCash the portfolio's starting cash, risk's starting equity
   * @param persist     whether denials are stored (and so whether storage faults stop trading)
   */
  public RiskVerticle(RiskSettings settings, Map<String, InstrumentSettings> instruments, List<String> symbols,
                      Fixed initialCash, boolean persist) {
    this.settings = settings;
    this.instruments = instruments;
    this.symbols = symbols;
    this.initialCash = initialCash;
    this.persist = persist;
  }

  @Override
  public Future<?> start() {
    try {
      engine = new RiskEngine(instruments(instruments, symbols), limits(settings, initialCash), clock);
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
    vertx.setPeriodic(1_000, id -> publishStateChanges());
    // the daily-loss baseline resets at each session start of the paper venue
    SessionTimer.everySessionStart(vertx, new TradingCalendar(clock), () -> {
      engine.startNewDay();
      LOG.info("risk: new trading day, daily loss baseline reset");
    });
    consumers.addAll(List.of(
        bus.<OrderRequest>consumer(Addresses.ORDERS_SUBMIT, this::onOrder).completion(),
        bus.<RiskControl>consumer(Addresses.RISK_CONTROL, this::onControl).completion(),
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
    OrderRequest order = message.body();
    RiskDecision decision = engine.check(order);
    publishStateChanges();
    DeliveryOptions headers = new DeliveryOptions().setHeaders(message.headers());
    if (decision.approved()) {
      bus.send(Addresses.EXEC_SUBMIT, order, headers);
    } else {
      OrderEvent denied = new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(),
          order.type(), OrderStatus.DENIED, order.quantity(), order.limitPrice(), Fixed.ZERO, Fixed.ZERO,
          decision.reason(), decision.message(), decision.tsMicros());
      bus.publish(Addresses.EXEC_EVENTS, denied, headers);
      if (durable != null) {
        durable.send(Addresses.STORAGE_ORDER_EVENTS, denied, order.clientOrderId() + "/DENIED", id -> { });
      }
    }
    message.reply(decision);
  }

  /** KILL halts first, then cancels every working order at the broker before answering, so no fill follows. */
  private void onControl(Message<RiskControl> message) {
    RiskControl control = message.body();
    TradingState before = engine.state();
    var change = engine.control(control.command(), control.reason());
    publishStateChanges();
    RiskStateChange answer = change.orElse(new RiskStateChange(before, engine.state(),
        ReasonCode.of(control.command()), "trading state stays " + engine.state(), clock.nowMicros()));
    LOG.warning(() -> "risk: " + control.command() + " (" + control.reason() + "): " + answer.from() + " -> "
        + answer.to());
    if (control.command() != ControlCommand.KILL) {
      message.reply(answer);
      return;
    }
    bus.<Integer>request(Addresses.EXEC_CANCEL_ALL, "kill switch: " + control.reason())
        .onComplete(canceled -> {
          LOG.warning(() -> "risk: kill switch canceled " + (canceled.succeeded() ? canceled.result() : 0)
              + " working orders" + (canceled.failed() ? " (execution did not answer: " + canceled.cause().getMessage()
              + ")" : ""));
          message.reply(answer);
        });
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
    }
  }

  static Instruments instruments(Map<String, InstrumentSettings> configured, List<String> symbols) {
    Map<String, InstrumentSpec> specs = new HashMap<>();
    configured.forEach((symbol, spec) -> specs.put(symbol, new InstrumentSpec(spec.tickSize(), spec.lotSize(),
        spec.minQuantity(), spec.maxQuantity(), spec.minPrice(), spec.maxPrice())));
    return Instruments.expand(specs, symbols);
  }

  static RiskLimits limits(RiskSettings risk, Fixed initialCash) {
    return new RiskLimits(risk.maxOrderNotional(), risk.maxPositionQuantity(), risk.maxGrossExposure(),
        risk.dailyLossLimit(), risk.dailyLossAction(), risk.maxDrawdown(), risk.maxDrawdownAction(),
        risk.throttlePerStrategy(), risk.throttleGlobal(), risk.throttleIntervalMs() * 1_000, initialCash);
  }
}
