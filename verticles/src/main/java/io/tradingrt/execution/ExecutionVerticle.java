package io.tradingrt.execution;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.ExecutionSettings;
import io.tradingrt.flow.SessionTimer;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.journal.DurableSender;
import io.tradingrt.journal.JournalFetch;
import io.tradingrt.time.MicrosClock;
import io.tradingrt.time.TradingCalendar;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Executes approved orders on the {@link PaperBroker}: order events and fills are published with the headers of the
 * order that caused them, and (with {@code persist}) sent to the storage writer until it acknowledges them.
 */
public final class ExecutionVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ExecutionVerticle.class.getName());
  /** Every acknowledgement is wanted when logAcks is on, so its lines are not rate-limited like the others. */
  private static final Logger ACKS = Logger.getLogger(ExecutionVerticle.class.getName() + ".acks");

  /** The one clock of this role: the broker and the trading calendar both read it. */
  private final MicrosClock clock = MicrosClock.SYSTEM;
  private PaperBroker broker;
  private EventBus bus;
  private DurableSender durable;
  /** Log every acknowledgement: the kill test reads them to check nothing acknowledged was lost. */
  private boolean logAcks;
  private long logSecond;
  private int loggedThisSecond;
  private long unloggedFills;
  /** Headers of every working order, by client order id: also the list the kill switch cancels. */
  private final Map<String, MultiMap> working = new LinkedHashMap<>();

  private final ExecutionSettings settings;
  private final boolean persist;
  private final BooleanSupplier acting;
  private boolean fencedLogged;

  public ExecutionVerticle(ExecutionSettings settings, boolean persist) {
    this(settings, persist, () -> true);
  }

  /**
   * @param acting whether this node may act as the trading core now (the cluster's fence): while it may not, the
   *               broker fills nothing and nothing it would report is published or stored
   */
  public ExecutionVerticle(ExecutionSettings settings, boolean persist, BooleanSupplier acting) {
    this.settings = settings;
    this.persist = persist;
    this.acting = acting;
  }

  @Override
  public Future<?> start() {
    try {
      broker = new PaperBroker(new BrokerConfig(settings.slippageBps(), settings.feeBps(), settings.minFee(),
          settings.latencyMicros()), clock);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("execution: invalid configuration: " + e.getMessage());
    }
    bus = vertx.eventBus();
    logAcks = settings.logAcks();
    if (persist) {
      durable = new DurableSender(vertx, settings.storageTimeoutMs(), DurableSender.MAX_PENDING);
    }
    Future<JournalImage> journal = persist ? JournalFetch.fetch(vertx, "execution", false)
        : Future.succeededFuture(JournalImage.empty(0));
    return journal.compose(this::resumeAndStart);
  }

  /** Orders working at the last stop go on working before the first tick or order is consumed. */
  private Future<?> resumeAndStart(JournalImage journal) {
    Map<String, List<Fill>> fillsByOrder = new HashMap<>();
    for (OrderEvent order : journal.workingOrders()) {
      fillsByOrder.put(order.clientOrderId(), new ArrayList<>());
    }
    for (Fill fill : journal.fills()) {
      List<Fill> its = fillsByOrder.get(fill.clientOrderId());
      if (its != null) {
        its.add(fill);
      }
    }
    broker.seen(journal.recentOrderIds());
    int resumed = 0;
    for (OrderEvent order : journal.workingOrders()) {
      if (broker.resume(order, fillsByOrder.get(order.clientOrderId()))) {
        working.put(order.clientOrderId(), MultiMap.caseInsensitiveMultiMap());
        resumed++;
      }
    }
    if (resumed > 0) {
      int n = resumed;
      LOG.info(() -> "execution: " + n + " orders working at the last stop work again at the paper broker");
    }
    vertx.setPeriodic(5_000, id -> {
      if (unloggedFills > 0) {
        long n = unloggedFills;
        unloggedFills = 0;
        LOG.info(() -> "execution: " + n + " more fills in the last 5 s (individual lines are capped at 10/s)");
      }
    });
    // DAY orders expire when the paper venue's session ends, at the next session start
    SessionTimer.everySessionStart(vertx, new TradingCalendar(clock), () -> {
      if (acting.getAsBoolean()) {
        publish(broker.endOfDay());
      }
    });
    long latency = settings.latencyMicros();
    if (latency > 0) {
      vertx.setPeriodic(Math.max(1, latency / 1_000), id -> {
        if (acting.getAsBoolean()) {
          publish(broker.processDue());
        }
      });
    }
    return Future.all(List.of(
        bus.<OrderRequest>consumer(Addresses.EXEC_SUBMIT, m -> {
          if (!acting.getAsBoolean()) {
            // fenced: the broker never sees it, and the order ends here, so no strategy counts it as working
            notTaken(m.body());
            return;
          }
          fencedLogged = false;
          // the order reached the broker now: in-runtime tick-to-trade ends here (metrics reads it on its events)
          MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(m.headers())
              .add(Headers.BROKER_MICROS, Long.toString(clock.nowMicros()));
          working.put(m.body().clientOrderId(), headers);
          publish(broker.submit(m.body()));
        }).completion(),
        TickFlow.consumer(vertx, "execution", m -> {
          if (!acting.getAsBoolean()) {
            return;
          }
          if (broker.workingOrders() > 0 || latency > 0) {
            m.body().ticks().forEach(t -> publish(broker.onTick(t)));
          } else {
            m.body().ticks().forEach(broker::onTick);
          }
        }).completion(),
        bus.<String>consumer(Addresses.EXEC_CANCEL, m -> {
          if (!acting.getAsBoolean()) {
            m.fail(503, "this node lost its trading-core lease");
            return;
          }
          BrokerResult result = broker.cancel(m.body());
          publish(result);
          m.reply(result.events().size());
        }).completion(),
        bus.<String>consumer(Addresses.EXEC_CANCEL_ALL, m -> {
          if (!acting.getAsBoolean()) {
            m.fail(503, "this node lost its trading-core lease");
            return;
          }
          int canceled = 0;
          for (String id : new ArrayList<>(working.keySet())) {
            BrokerResult result = broker.cancel(id);
            canceled += result.events().isEmpty() ? 0 : 1;
            publish(result);
          }
          m.reply(canceled);
        }).completion()));
  }

  /**
   * An approved order that reached this node while its trading-core lease was not renewed in time: it is rejected
   * with {@code NO_TRADING_CORE} (stored and published, so its strategy and risk see it end) and never reaches the
   * broker. Logged once per lapse.
   */
  private void notTaken(OrderRequest order) {
    if (!fencedLogged) {
      fencedLogged = true;
      LOG.warning(() -> "execution: this node's trading-core lease was not renewed in time; approved orders are "
          + "rejected with NO_TRADING_CORE until it is (first: " + order.clientOrderId() + ")");
    }
    OrderEvent rejected = new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(),
        order.type(), order.timeInForce(), OrderStatus.REJECTED, order.quantity(), order.limitPrice(), Fixed.ZERO,
        Fixed.ZERO, ReasonCode.NO_TRADING_CORE, ReasonCode.NO_TRADING_CORE.sentence()
            + ": this node's lease was not renewed in time", clock.nowMicros());
    publish(new BrokerResult(List.of(rejected), List.of()));
  }

  private void publish(BrokerResult result) {
    if (result.isEmpty()) {
      return;
    }
    // every entry point checks the fence before the broker acts; what the broker did is then always reported and
    // stored (dropping it would leave the broker's state and the journal apart)
    // fills before their events: a FILLED event must not reach a consumer before the fill it reports. Each record
    // is handed to the writer before it is published: what a consumer writes because of it (the portfolio's
    // positions row) then reaches the writer after it and cannot commit without it
    for (Fill fill : result.fills()) {
      if (durable != null) {
        durable.send(Addresses.STORAGE_FILLS, fill, "fill/" + fill.fillId(), this::acked);
      }
      bus.publish(Addresses.EXEC_FILLS, fill, headersOf(fill.clientOrderId()));
      logFill(fill);
    }
    for (OrderEvent event : result.events()) {
      if (durable != null) {
        durable.send(Addresses.STORAGE_ORDER_EVENTS, event, event.clientOrderId() + "/" + event.status(), this::acked);
      }
      bus.publish(Addresses.EXEC_EVENTS, event, headersOf(event.clientOrderId()));
    }
    for (OrderEvent event : result.events()) {
      if (event.status().isTerminal()) {
        working.remove(event.clientOrderId());
      }
    }
  }

  /** Each fill is logged while there are few; past 10 a second the rest are counted and summarised every 5 s. */
  private void logFill(Fill fill) {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != logSecond) {
      logSecond = second;
      loggedThisSecond = 0;
    }
    if (++loggedThisSecond <= 10) {
      LOG.info(() -> "execution: fill " + fill.fillId() + " " + fill.side() + " " + fill.quantity() + " "
          + fill.symbol() + " @ " + fill.price() + " fee " + fill.fee() + " (" + fill.strategy() + ")");
    } else {
      unloggedFills++;
    }
  }

  private void acked(String id) {
    if (logAcks) {
      ACKS.info(() -> "execution: stored " + id);
    }
  }

  private DeliveryOptions headersOf(String clientOrderId) {
    MultiMap headers = working.get(clientOrderId);
    DeliveryOptions options = new DeliveryOptions();
    return headers == null ? options : options.setHeaders(headers);
  }
}
