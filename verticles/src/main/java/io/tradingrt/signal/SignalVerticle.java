package io.tradingrt.signal;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.StrategySettings;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.journal.JournalFetch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Runs the configured strategies on {@link Addresses#MD_TICKS}: each signal is sent as an order request to risk,
 * carrying the causing tick's correlation id and planned time in headers, and published on {@link Addresses#SIGNALS}
 * once risk has answered.
 */
public final class SignalVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SignalVerticle.class.getName());

  private final Map<String, Strategy> byName = new HashMap<>();
  private final Map<String, List<Strategy>> bySymbol = new HashMap<>();
  private final Map<String, OrderIds> orderIds = new HashMap<>();
  /**
   * The strategy of every order a strategy submitted and that is not finished yet. Events and fills are routed by
   * client order id, not by the strategy name in the message, which an operator's REST or bridge order could reuse.
   */
  private final Map<String, Strategy> ownOrders = new HashMap<>();
  private final List<StrategySettings> strategies;
  private final boolean persist;
  private final BooleanSupplier acting;
  private EventBus bus;
  /** When the batch being handled entered the runtime, copied onto the orders its ticks cause. */
  private String batchIngestMicros;

  /** @param persist whether the journal is kept: then strategies are rebuilt from it and order ids name the run */
  public SignalVerticle(List<StrategySettings> strategies, boolean persist) {
    this(strategies, persist, () -> true);
  }

  /**
   * @param acting whether this node may run these strategies now (in a cluster, whether it holds their leases):
   *               while it may not, ticks cause no orders
   */
  public SignalVerticle(List<StrategySettings> strategies, boolean persist, BooleanSupplier acting) {
    this.strategies = List.copyOf(strategies);
    this.persist = persist;
    this.acting = acting;
  }

  @Override
  public Future<?> start() {
    try {
      for (StrategySettings entry : strategies) {
        Strategy strategy = StrategyFactory.create(entry);
        if (byName.put(strategy.name(), strategy) != null) {
          throw new IllegalArgumentException("two strategies are named '" + strategy.name() + "'");
        }
        strategy.symbols().forEach(s -> bySymbol.computeIfAbsent(s, k -> new ArrayList<>()).add(strategy));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("signal: " + e.getMessage());
    }
    bus = vertx.eventBus();
    Future<JournalImage> journal = persist ? JournalFetch.fetch(vertx, "signal", true)
        : Future.succeededFuture(JournalImage.empty(0));
    return journal.compose(this::rebuildAndStart);
  }

  /**
   * Each strategy gets back its own fills and working orders (its name, and an id it could have given), and order
   * ids name this run ({@code momentum-r7-1}), so no id repeats across restarts; without a journal they name the
   * start time instead.
   */
  private Future<?> rebuildAndStart(JournalImage journal) {
    String session = persist ? "r" + journal.runId() : Long.toString(System.currentTimeMillis(), 36);
    for (Strategy strategy : byName.values()) {
      orderIds.put(strategy.name(), new OrderIds(strategy.name() + "-" + session));
      List<Fill> fills = journal.fills().stream().filter(f -> isOwn(strategy, f.strategy(), f.clientOrderId()))
          .toList();
      List<OrderEvent> working = journal.workingOrders().stream()
          .filter(o -> isOwn(strategy, o.strategy(), o.clientOrderId())).toList();
      strategy.rebuild(fills, working);
      working.forEach(o -> ownOrders.put(o.clientOrderId(), strategy));
      if (!fills.isEmpty() || !working.isEmpty()) {
        LOG.info(() -> "signal: " + strategy.name() + " rebuilt from " + fills.size() + " fills and " + working.size()
            + " working orders");
      }
    }
    LOG.info(() -> "signal: running " + byName.keySet() + ", order ids " + session);
    return Future.all(
        TickFlow.consumer(vertx, "signal", m -> {
          if (!acting.getAsBoolean()) {
            return;
          }
          batchIngestMicros = m.headers().get(Headers.INGEST_MICROS);
          List<Tick> ticks = m.body().ticks();
          for (int i = 0; i < ticks.size(); i++) {
            onTick(ticks.get(i));
          }
        }).completion(),
        bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> {
          OrderEvent event = m.body();
          Strategy s = event.status().isTerminal() ? ownOrders.remove(event.clientOrderId())
              : ownOrders.get(event.clientOrderId());
          if (s != null) {
            s.onOrderEvent(event);
          }
        }).completion(),
        bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> {
          Strategy s = ownOrders.get(m.body().clientOrderId());
          if (s != null) {
            s.onFill(m.body());
          }
        }).completion());
  }

  private static boolean isOwn(Strategy strategy, String orderStrategy, String clientOrderId) {
    return orderStrategy.equals(strategy.name()) && clientOrderId.startsWith(strategy.name() + "-");
  }

  private void onTick(Tick tick) {
    List<Strategy> strategies = bySymbol.get(tick.symbol());
    if (strategies == null) {
      return;
    }
    // index loops: a tick without a signal (the common case) allocates no iterator
    for (int i = 0; i < strategies.size(); i++) {
      Strategy strategy = strategies.get(i);
      List<Signal> signals = strategy.onTick(tick);
      for (int j = 0; j < signals.size(); j++) {
        Signal signal = signals.get(j);
        submit(signal, orderIds.get(strategy.name()).marketOrder(signal), tick, strategy);
      }
    }
  }

  /**
   * The order goes to risk first; its signal is published once risk has answered (or failed to), so on one event
   * loop the order has reached the broker by then. Publishing hands the signal to consumers on other event loops,
   * and waking a sleeping one costs this thread up to a few hundred µs on a machine whose other cores idle, which
   * the order would wait for (docs/benchmarks.md, tick-to-trade on the defaults).
   */
  private void submit(Signal signal, OrderRequest order, Tick cause, Strategy strategy) {
    ownOrders.put(order.clientOrderId(), strategy);
    DeliveryOptions headers = new DeliveryOptions()
        .addHeader(Headers.CORRELATION_ID, cause.symbol() + ":" + cause.seq())
        .addHeader(Headers.TICK_MICROS, Long.toString(cause.tsMicros()));
    if (batchIngestMicros != null) {
      headers.addHeader(Headers.INGEST_MICROS, batchIngestMicros);
    }
    bus.<RiskDecision>request(Addresses.ORDERS_SUBMIT, order, headers).onComplete(reply -> {
      bus.publish(Addresses.SIGNALS, signal);
      if (reply.succeeded()) {
        RiskDecision decision = reply.result().body();
        if (decision.reason() == ReasonCode.NO_TRADING_CORE) {
          // a fenced risk role journals and publishes nothing: the strategy hears it from here
          notPlaced(order, strategy, ReasonCode.NO_TRADING_CORE, decision.message());
        }
        return;
      }
      Throwable e = reply.cause();
      // in a cluster, no handler means no node holds the trading core right now (a failover is under way)
      boolean noCore = e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
      ReasonCode reason = noCore ? ReasonCode.NO_TRADING_CORE : ReasonCode.NO_RISK_DECISION;
      LOG.warning(() -> "signal: " + order.clientOrderId() + " of " + strategy.name() + " got no risk decision: "
          + (noCore ? reason.sentence() : e.getMessage()));
      notPlaced(order, strategy, reason, reason.sentence() + ": " + e.getMessage());
    });
  }

  /** No decision means no order: the strategy gets its terminal event so it does not count the order as pending. */
  private void notPlaced(OrderRequest order, Strategy strategy, ReasonCode reason, String message) {
    ownOrders.remove(order.clientOrderId());
    strategy.onOrderEvent(new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(),
        order.type(), order.timeInForce(), OrderStatus.REJECTED, order.quantity(), order.limitPrice(), Fixed.ZERO,
        Fixed.ZERO, reason, message, order.tsMicros()));
  }
}
