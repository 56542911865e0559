package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.config.ExecutionSettings;
import io.tradingrt.config.FixSettings;
import io.tradingrt.fix.FixSessions;
import io.tradingrt.journal.DurableSender;
import io.tradingrt.journal.JournalFetch;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.field.Username;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The execution role on a FIX 4.4 venue ({@code execution.venue = fix}): approved orders become NewOrderSingle,
 * cancels OrderCancelRequest, and execution reports become our order events and fills through {@link FixOrders}
 * (each ExecID applied once), journaled like the paper broker's before they are published. QuickFIX/J keeps the
 * session: sequence numbers and sent messages in {@code fix.storePath}, reconnects every {@code fix.reconnectSeconds}
 * and asks for a resend of any gap at logon. At every logon the working orders are reconciled: each is asked with an
 * OrderStatusRequest, and an order the venue does not know or whose filled quantity differs after the resend halts
 * trading with a sentence that names it.
 */
public final class FixExecutionVerticle extends VerticleBase implements Application {
  private static final Logger LOG = Logger.getLogger(FixExecutionVerticle.class.getName());

  private final ExecutionSettings settings;
  private final FixSettings fix;
  private final boolean persist;
  private final BooleanSupplier acting;
  private final MicrosClock clock = MicrosClock.SYSTEM;
  private final Map<String, Integer> cancels = new HashMap<>();
  private FixOrders orders;
  private EventBus bus;
  private DurableSender durable;
  private Context context;
  private SocketInitiator initiator;
  private SessionID sessionId;
  private volatile boolean loggedOn;

  public FixExecutionVerticle(ExecutionSettings settings, FixSettings fix, boolean persist, BooleanSupplier acting) {
    this.settings = settings;
    this.fix = fix;
    this.persist = persist;
    this.acting = acting;
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    bus = vertx.eventBus();
    orders = new FixOrders(settings.feeBps(), settings.minFee());
    if (persist) {
      durable = new DurableSender(vertx, settings.storageTimeoutMs(), DurableSender.MAX_PENDING);
    }
    Future<JournalImage> journal = persist ? JournalFetch.fetch(vertx, "execution", false)
        : Future.succeededFuture(JournalImage.empty(0));
    return journal.compose(this::resumeAndConnect);
  }

  private Future<?> resumeAndConnect(JournalImage journal) {
    Map<String, List<Fill>> fillsByOrder = new HashMap<>();
    journal.workingOrders().forEach(o -> fillsByOrder.put(o.clientOrderId(), new ArrayList<>()));
    for (Fill fill : journal.fills()) {
      List<Fill> its = fillsByOrder.get(fill.clientOrderId());
      if (its != null) {
        its.add(fill);
      }
    }
    orders.seenFills(journal.fills().stream().map(Fill::fillId).toList());
    journal.workingOrders().forEach(o -> orders.resume(o, fillsByOrder.get(o.clientOrderId())));
    sessionId = FixSessions.initiatorId(fix);
    return vertx.executeBlocking(() -> {
      initiator = FixSessions.startInitiator(this, fix);
      return null;
    }).compose(v -> {
      LOG.info(() -> "execution: FIX 4.4 initiator " + fix.senderCompId() + " -> " + fix.targetCompId() + " at "
          + fix.host() + ":" + fix.port() + " (store " + fix.storePath() + "), " + orders.workingIds().size()
          + " working orders to reconcile at logon");
      return Future.all(List.of(
          bus.<OrderRequest>consumer(Addresses.EXEC_SUBMIT, m -> submit(m.body())).completion(),
          bus.<String>consumer(Addresses.EXEC_CANCEL, m -> m.reply(cancel(m.body()) ? 1 : 0)).completion(),
          bus.<String>consumer(Addresses.EXEC_CANCEL_ALL, m -> {
            int n = 0;
            for (String id : orders.workingIds()) {
              n += cancel(id) ? 1 : 0;
            }
            m.reply(n);
          }).completion()));
    });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      if (initiator != null) {
        initiator.stop();
      }
      return null;
    });
  }

  private void submit(OrderRequest order) {
    if (!acting.getAsBoolean()) {
      LOG.warning(() -> "execution: this node lost its trading-core lease; order " + order.clientOrderId()
          + " not sent");
      return;
    }
    orders.sent(order);
    if (!loggedOn) {
      publish(new FixOrders.Outcome(event(order, OrderStatus.REJECTED, ReasonCode.VENUE_REJECTED,
          "the FIX session to " + fix.targetCompId() + " is not logged on"), null, null));
      return;
    }
    NewOrderSingle message = new NewOrderSingle(new ClOrdID(order.clientOrderId()),
        new quickfix.field.Side(order.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL),
        new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
        new OrdType(order.type() == OrderType.LIMIT ? OrdType.LIMIT : OrdType.MARKET));
    message.setString(Symbol.FIELD, order.symbol());
    FixSessions.setDecimal(message, OrderQty.FIELD, order.quantity());
    if (order.type() == OrderType.LIMIT) {
      FixSessions.setDecimal(message, Price.FIELD, order.limitPrice());
    }
    message.set(new quickfix.field.TimeInForce(timeInForce(order.timeInForce())));
    publish(new FixOrders.Outcome(event(order, OrderStatus.SUBMITTED, null, "sent to " + fix.targetCompId()), null,
        null));
    send(message);
  }

  private static char timeInForce(TimeInForce tif) {
    return switch (tif) {
      case DAY -> quickfix.field.TimeInForce.DAY;
      case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
      case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
      case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
    };
  }

  private boolean cancel(String clOrdId) {
    OrderRequest order = orders.request(clOrdId);
    if (order == null || !orders.isWorking(clOrdId) || !loggedOn || !acting.getAsBoolean()) {
      return false;
    }
    int n = cancels.merge(clOrdId, 1, Integer::sum);
    OrderCancelRequest message = new OrderCancelRequest(new OrigClOrdID(clOrdId), new ClOrdID(clOrdId + "-c" + n),
        new quickfix.field.Side(order.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL),
        new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    message.setString(Symbol.FIELD, order.symbol());
    FixSessions.setDecimal(message, OrderQty.FIELD, order.quantity());
    return send(message);
  }

  private boolean send(Message message) {
    try {
      return Session.sendToTarget(message, sessionId);
    } catch (quickfix.SessionNotFound e) {
      LOG.warning(() -> "execution: no FIX session " + sessionId);
      return false;
    }
  }

  private OrderEvent event(OrderRequest r, OrderStatus status, ReasonCode reason, String message) {
    return new OrderEvent(r.clientOrderId(), r.strategy(), r.symbol(), r.side(), r.type(), r.timeInForce(), status,
        r.quantity(), r.limitPrice(), orders.filled(r.clientOrderId()), Fixed.ZERO, reason,
        reason == null ? message : reason.sentence() + ": " + message, clock.nowMicros());
  }

  /** Fills before their events, each stored before it is published (as the paper broker's). */
  private void publish(FixOrders.Outcome outcome) {
    if (outcome.fill() != null) {
      Fill fill = outcome.fill();
      LOG.info(() -> "execution: fill " + fill.fillId() + " " + fill.side() + " " + fill.quantity() + " "
          + fill.symbol() + " @ " + fill.price() + " (" + fill.strategy() + ", FIX)");
      if (durable != null) {
        durable.send(Addresses.STORAGE_FILLS, fill, "fill/" + fill.fillId(), id -> { });
      }
      bus.publish(Addresses.EXEC_FILLS, fill);
    }
    if (outcome.event() != null) {
      OrderEvent event = outcome.event();
      if (durable != null) {
        durable.send(Addresses.STORAGE_ORDER_EVENTS, event, event.clientOrderId() + "/" + event.status()
            + "/" + event.filledQuantity(), id -> { });
      }
      bus.publish(Addresses.EXEC_EVENTS, event);
    }
  }

  // ---- QuickFIX/J callbacks, on its threads: everything is handed to this verticle's context

  @Override
  public void onCreate(SessionID id) {
  }

  @Override
  public void onLogon(SessionID id) {
    loggedOn = true;
    context.runOnContext(v -> {
      List<String> working = orders.workingIds();
      LOG.info(() -> "execution: FIX session " + id + " logged on; reconciling " + working.size()
          + " working orders");
      for (String clOrdId : working) {
        OrderRequest order = orders.request(clOrdId);
        OrderStatusRequest status = new OrderStatusRequest(new ClOrdID(clOrdId),
            new quickfix.field.Side(order.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL));
        status.setString(Symbol.FIELD, order.symbol());
        send(status);
      }
    });
  }

  @Override
  public void onLogout(SessionID id) {
    if (loggedOn) {
      LOG.warning(() -> "execution: FIX session " + id + " logged out; reconnecting every " + fix.reconnectSeconds()
          + " s");
    }
    loggedOn = false;
  }

  @Override
  public void toAdmin(Message message, SessionID id) {
    try {
      if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
        String user = System.getenv(fix.usernameEnv());
        String password = System.getenv(fix.passwordEnv());
        if (user != null && !user.isBlank()) {
          message.setField(new Username(user));
        }
        if (password != null && !password.isBlank()) {
          message.setField(new Password(password));
        }
      }
    } catch (FieldNotFound ignored) {
      // every message has a type
    }
  }

  @Override
  public void fromAdmin(Message message, SessionID id) {
  }

  @Override
  public void toApp(Message message, SessionID id) {
  }

  @Override
  public void fromApp(Message message, SessionID id) throws FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    if (MsgType.EXECUTION_REPORT.equals(type)) {
      VenueReport report = parse(message);
      context.runOnContext(v -> onReport(report, message));
    } else if (MsgType.ORDER_CANCEL_REJECT.equals(type)) {
      String orig = message.getString(OrigClOrdID.FIELD);
      String text = message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "";
      LOG.warning(() -> "execution: the venue refused to cancel " + orig + ": " + text);
    }
  }

  private VenueReport parse(Message m) throws FieldNotFound {
    boolean possDup = m.getHeader().isSetField(PossDupFlag.FIELD) && m.getHeader().getBoolean(PossDupFlag.FIELD);
    return new VenueReport(m.getString(ExecID.FIELD), m.getString(ClOrdID.FIELD),
        m.getChar(quickfix.field.ExecType.FIELD), m.getChar(OrdStatus.FIELD),
        FixSessions.decimal(m, LastQty.FIELD, Fixed.ZERO), FixSessions.decimal(m, LastPx.FIELD, Fixed.ZERO),
        FixSessions.decimal(m, CumQty.FIELD), FixSessions.decimal(m, LeavesQty.FIELD),
        FixSessions.decimal(m, quickfix.field.AvgPx.FIELD),
        m.isSetField(quickfix.field.Commission.FIELD) ? FixSessions.decimal(m, quickfix.field.Commission.FIELD)
            : null,
        m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "", possDup, clock.nowMicros());
  }

  private void onReport(VenueReport report, Message message) {
    if (!acting.getAsBoolean()) {
      return;
    }
    if (report.execType() == quickfix.field.ExecType.ORDER_STATUS) {
      reconcile(report, message);
      return;
    }
    FixOrders.Outcome outcome = orders.apply(report);
    if (outcome.ignored() != null && outcome.fill() == null) {
      LOG.fine(() -> "execution: ignored a FIX report: " + outcome.ignored());
      return;
    }
    publish(outcome);
  }

  /** One answer of the logon reconciliation: the venue's view of an order against ours, after the resend. */
  private void reconcile(VenueReport report, Message message) {
    String clOrdId = report.clOrdId();
    boolean unknown;
    try {
      unknown = report.ordStatus() == OrdStatus.REJECTED && message.isSetField(OrdRejReason.FIELD)
          && message.getInt(OrdRejReason.FIELD) == OrdRejReason.UNKNOWN_ORDER;
    } catch (FieldNotFound e) {
      unknown = false;
    }
    Fixed ours = orders.filled(clOrdId);
    Reconciliation.mismatch(clOrdId, unknown, report.cumQty(), ours).ifPresentOrElse(this::halt,
        () -> LOG.info(() -> "execution: reconciled " + clOrdId + " with the venue (filled " + ours + ")"));
  }

  /** Risk halts with RECONCILIATION_MISMATCH on its own address, which no bridge lets in. */
  private void halt(String why) {
    LOG.severe(() -> "execution: " + why + "; halting trading");
    bus.<RiskStateChange>request(Addresses.RISK_RECONCILIATION, new RiskControl(ControlCommand.HALT, why,
            clock.nowMicros()), new DeliveryOptions().addHeader(Headers.ACTOR, "execution (FIX reconciliation)"))
        .onFailure(failure -> LOG.severe(() -> "execution: risk did not take the reconciliation halt: "
            + failure.getMessage()));
  }
}
