package io.tradingrt.venue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.config.VenueSettings;
import io.tradingrt.fix.FixSessions;
import io.tradingrt.ingest.SimulatedFeed;

import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Group;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataSnapshotFullRefresh;
import quickfix.fix44.OrderCancelReject;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A FIX 4.4 venue to try the runtime against and to test it with: an acceptor over QuickFIX/J whose matching is a
 * {@link VenueBook} (limit order book per symbol and a market maker), whose prices follow a seeded random walk
 * ({@link SimulatedFeed}) and which publishes them as market data to every session that asked. New orders, cancels,
 * order status and mass status requests are answered with execution reports; {@link #dropConnections()} cuts every
 * session (the tests' way to lose the connection while orders work). One lock serialises the book and every send.
 */
public final class FixVenue implements Application, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FixVenue.class.getName());

  private final VenueSettings settings;
  private final VenueBook book;
  private final SimulatedFeed prices;
  private final SocketAcceptor acceptor;
  private final ScheduledExecutorService clock;
  /** Sessions and the MDReqID they subscribed with, per symbol. */
  private final Map<SessionID, Map<String, String>> subscriptions = new ConcurrentHashMap<>();
  /** Which session sent each order, so fills of a resting order go back to it. */
  private final Map<String, SessionID> owners = new ConcurrentHashMap<>();
  private final Set<SessionID> loggedOn = ConcurrentHashMap.newKeySet();
  private long quotes;

  public FixVenue(VenueSettings settings, List<String> symbols, long seed, Fixed startPrice) throws Exception {
    this.settings = settings;
    this.book = new VenueBook(new LinkedHashSet<>(symbols), settings.lotSize(), settings.quoteSize());
    this.prices = new SimulatedFeed(symbols, seed, startPrice, 5, 2);
    var sessions = FixSessions.acceptor(settings);
    var store = new FileStoreFactory(sessions);
    var logs = new SLF4JLogFactory(sessions);
    var messages = new DefaultMessageFactory();
    this.acceptor = new SocketAcceptor(this, store, sessions, logs, messages);
    // any client CompID gets a session of its own, made from the template on its first logon
    acceptor.setSessionProvider(new java.net.InetSocketAddress("0.0.0.0", (int) settings.port()),
        new quickfix.mina.acceptor.DynamicAcceptorSessionProvider(sessions, FixSessions.acceptorTemplate(settings),
            this, store, logs, messages));
    this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "venue-prices");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens the port and starts moving prices. */
  public void start() throws Exception {
    start(true);
  }

  /** Opens the port; with {@code movePrices} false only {@link #quote} moves the maker (for scripted tests). */
  public void start(boolean movePrices) throws Exception {
    acceptor.start();
    if (movePrices) {
      long every = Math.max(100, 1_000_000 / settings.ticksPerSecond());
      clock.scheduleAtFixedRate(this::move, 0, every, TimeUnit.MICROSECONDS);
    }
    LOG.info(() -> "venue: FIX 4.4 acceptor " + settings.senderCompId() + " on port " + settings.port() + " for "
        + book.symbols() + ", quotes " + settings.ticksPerSecond() + "/s of " + settings.quoteSize());
  }

  /** Cuts every session's connection (the client reconnects and resends). */
  public void dropConnections() {
    for (SessionID id : new ArrayList<>(loggedOn)) {
      Session session = Session.lookupSession(id);
      if (session != null) {
        try {
          session.disconnect("dropped by the venue", false);
        } catch (java.io.IOException e) {
          LOG.warning(() -> "venue: could not drop " + id + ": " + e.getMessage());
        }
      }
    }
  }

  public boolean hasSession() {
    return !loggedOn.isEmpty();
  }

  /** Loses an order without a word, as a venue that lost its state would (tests: reconciliation must halt). */
  public synchronized boolean forget(String clOrdId) {
    return book.forget(clOrdId);
  }

  /** The venue's view of an order (cumulative quantity etc.), for tests and the reconciliation check. */
  public synchronized VenueBook.Execution status(String clOrdId) {
    return book.status(clOrdId);
  }

  @Override
  public void close() {
    clock.shutdownNow();
    acceptor.stop(true);
  }

  /** Sets the maker's quote for a symbol now: resting orders it crosses fill, subscribers get the update. */
  public synchronized void quote(String symbol, Fixed bid, Fixed ask) {
    quotes++;
    deliver(book.onQuote(symbol, bid, ask));
    publishQuote(symbol, bid, ask);
  }

  private synchronized void move() {
    try {
      Tick tick = prices.next(System.currentTimeMillis() * 1_000);
      quotes++;
      deliver(book.onQuote(tick.symbol(), tick.bid(), tick.ask()));
      publishQuote(tick.symbol(), tick.bid(), tick.ask());
    } catch (RuntimeException e) {
      LOG.warning(() -> "venue: price step failed: " + e);
    }
  }

  private void publishQuote(String symbol, Fixed bid, Fixed ask) {
    for (var entry : subscriptions.entrySet()) {
      String reqId = entry.getValue().get(symbol);
      if (reqId == null) {
        continue;
      }
      MarketDataIncrementalRefresh refresh = new MarketDataIncrementalRefresh();
      refresh.set(new MDReqID(reqId));
      refresh.addGroup(incremental(symbol, MDEntryType.BID, bid));
      refresh.addGroup(incremental(symbol, MDEntryType.OFFER, ask));
      send(refresh, entry.getKey());
    }
  }

  private Group incremental(String symbol, char type, Fixed px) {
    MarketDataIncrementalRefresh.NoMDEntries entry = new MarketDataIncrementalRefresh.NoMDEntries();
    entry.set(new MDUpdateAction(MDUpdateAction.CHANGE));
    entry.set(new MDEntryType(type));
    entry.setString(Symbol.FIELD, symbol);
    FixSessions.setDecimal(entry, MDEntryPx.FIELD, px);
    FixSessions.setDecimal(entry, MDEntrySize.FIELD, settings.quoteSize());
    return entry;
  }

  @Override
  public void onCreate(SessionID sessionId) {
  }

  @Override
  public void onLogon(SessionID sessionId) {
    loggedOn.add(sessionId);
    LOG.info(() -> "venue: " + sessionId.getTargetCompID() + " logged on");
  }

  @Override
  public void onLogout(SessionID sessionId) {
    loggedOn.remove(sessionId);
    subscriptions.remove(sessionId);
    LOG.info(() -> "venue: " + sessionId.getTargetCompID() + " logged out");
  }

  @Override
  public void toAdmin(Message message, SessionID sessionId) {
  }

  @Override
  public void fromAdmin(Message message, SessionID sessionId) throws RejectLogon {
  }

  @Override
  public void toApp(Message message, SessionID sessionId) {
  }

  @Override
  public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    pause();
    synchronized (this) {
      switch (type) {
        case MsgType.ORDER_SINGLE -> newOrder(message, sessionId);
        case MsgType.ORDER_CANCEL_REQUEST -> cancel(message, sessionId);
        case MsgType.ORDER_STATUS_REQUEST -> orderStatus(message, sessionId);
        case MsgType.ORDER_MASS_STATUS_REQUEST -> massStatus(message, sessionId);
        case MsgType.MARKET_DATA_REQUEST -> marketData(message, sessionId);
        default -> LOG.warning(() -> "venue: unsupported message type " + type + " from " + sessionId);
      }
    }
  }

  private void pause() {
    if (settings.latencyMicros() > 0) {
      try {
        TimeUnit.MICROSECONDS.sleep(settings.latencyMicros());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void newOrder(Message message, SessionID sessionId) throws FieldNotFound {
    String clOrdId = message.getString(ClOrdID.FIELD);
    Side side = message.getChar(quickfix.field.Side.FIELD) == quickfix.field.Side.BUY ? Side.BUY : Side.SELL;
    OrderType type = message.getChar(OrdType.FIELD) == OrdType.LIMIT ? OrderType.LIMIT : OrderType.MARKET;
    TimeInForce tif = message.isSetField(quickfix.field.TimeInForce.FIELD)
        ? timeInForce(message.getChar(quickfix.field.TimeInForce.FIELD)) : TimeInForce.DAY;
    Fixed price = message.isSetField(Price.FIELD) ? FixSessions.decimal(message, Price.FIELD) : null;
    owners.put(clOrdId, sessionId);
    deliver(book.submit(new VenueBook.NewOrder(clOrdId, message.getString(Symbol.FIELD), side, type,
        FixSessions.decimal(message, OrderQty.FIELD), price, tif)));
  }

  private static TimeInForce timeInForce(char fix) {
    return switch (fix) {
      case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
      case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
      case quickfix.field.TimeInForce.FILL_OR_KILL -> TimeInForce.FOK;
      default -> TimeInForce.DAY;
    };
  }

  private void cancel(Message message, SessionID sessionId) throws FieldNotFound {
    String orig = message.getString(OrigClOrdID.FIELD);
    VenueBook.Execution canceled = book.cancel(orig);
    if (canceled != null) {
      deliver(List.of(canceled));
      return;
    }
    VenueBook.Execution known = book.status(orig);
    OrderCancelReject reject = new OrderCancelReject(new OrderID(known == null ? "NONE" : known.orderId()),
        new ClOrdID(message.getString(ClOrdID.FIELD)), new OrigClOrdID(orig),
        new OrdStatus(known == null ? OrdStatus.REJECTED : ordStatus(known.status())),
        new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
    reject.set(new CxlRejReason(known == null ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL));
    reject.set(new Text(known == null ? "unknown order " + orig : "order " + orig + " is no longer working"));
    send(reject, sessionId);
  }

  private void orderStatus(Message message, SessionID sessionId) throws FieldNotFound {
    String clOrdId = message.getString(ClOrdID.FIELD);
    VenueBook.Execution status = book.status(clOrdId);
    if (status == null) {
      ExecutionReport unknown = new ExecutionReport(new OrderID("NONE"), new ExecID("status-" + clOrdId),
          new ExecType(ExecType.ORDER_STATUS), new OrdStatus(OrdStatus.REJECTED),
          new quickfix.field.Side(message.getChar(quickfix.field.Side.FIELD)), new LeavesQty(0), new CumQty(0),
          new AvgPx(0));
      unknown.set(new ClOrdID(clOrdId));
      unknown.setString(Symbol.FIELD, message.getString(Symbol.FIELD));
      unknown.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
      unknown.set(new Text("unknown order " + clOrdId));
      send(unknown, sessionId);
      return;
    }
    send(report(status), sessionId);
  }

  private void massStatus(Message message, SessionID sessionId) throws FieldNotFound {
    String reqId = message.getString(quickfix.field.MassStatusReqID.FIELD);
    List<VenueBook.Execution> working = book.working().stream()
        .filter(e -> sessionId.equals(owners.get(e.clOrdId()))).toList();
    for (int i = 0; i < working.size(); i++) {
      ExecutionReport report = report(working.get(i));
      report.set(new quickfix.field.MassStatusReqID(reqId));
      report.set(new quickfix.field.TotNumReports(working.size()));
      report.set(new quickfix.field.LastRptRequested(i == working.size() - 1));
      send(report, sessionId);
    }
  }

  private void marketData(Message message, SessionID sessionId) throws FieldNotFound {
    String reqId = message.getString(MDReqID.FIELD);
    char subscription = message.getChar(SubscriptionRequestType.FIELD);
    int count = message.getInt(quickfix.field.NoRelatedSym.FIELD);
    Map<String, String> symbols = subscriptions.computeIfAbsent(sessionId, k -> new ConcurrentHashMap<>());
    for (int i = 1; i <= count; i++) {
      Group related = message.getGroup(i, quickfix.field.NoRelatedSym.FIELD);
      String symbol = related.getString(Symbol.FIELD);
      if (subscription == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST) {
        symbols.remove(symbol);
        continue;
      }
      Fixed[] quote = book.quote(symbol);
      if (quote != null) {
        MarketDataSnapshotFullRefresh snapshot = new MarketDataSnapshotFullRefresh();
        snapshot.set(new MDReqID(reqId));
        snapshot.setString(Symbol.FIELD, symbol);
        snapshot.addGroup(snapshotEntry(MDEntryType.BID, quote[0]));
        snapshot.addGroup(snapshotEntry(MDEntryType.OFFER, quote[1]));
        send(snapshot, sessionId);
      }
      if (subscription == SubscriptionRequestType.SNAPSHOT_UPDATES && book.symbols().contains(symbol)) {
        symbols.put(symbol, reqId);
      }
    }
  }

  private Group snapshotEntry(char type, Fixed px) {
    MarketDataSnapshotFullRefresh.NoMDEntries entry = new MarketDataSnapshotFullRefresh.NoMDEntries();
    entry.set(new MDEntryType(type));
    FixSessions.setDecimal(entry, MDEntryPx.FIELD, px);
    FixSessions.setDecimal(entry, MDEntrySize.FIELD, settings.quoteSize());
    return entry;
  }

  private void deliver(List<VenueBook.Execution> executions) {
    for (VenueBook.Execution execution : executions) {
      SessionID owner = owners.get(execution.clOrdId());
      if (owner != null) {
        send(report(execution), owner);
      }
    }
  }

  private ExecutionReport report(VenueBook.Execution e) {
    ExecutionReport report = new ExecutionReport(new OrderID(e.orderId()), new ExecID(e.execId()),
        new ExecType(execType(e.type())), new OrdStatus(ordStatus(e.status())),
        new quickfix.field.Side(e.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL),
        new LeavesQty(0), new CumQty(0), new AvgPx(0));
    FixSessions.setDecimal(report, LeavesQty.FIELD, e.leavesQty());
    FixSessions.setDecimal(report, CumQty.FIELD, e.cumQty());
    FixSessions.setDecimal(report, AvgPx.FIELD, e.avgPx());
    report.set(new ClOrdID(e.clOrdId()));
    report.setString(Symbol.FIELD, e.symbol());
    FixSessions.setDecimal(report, OrderQty.FIELD, e.orderQty());
    if (e.lastQty().isPositive()) {
      FixSessions.setDecimal(report, LastQty.FIELD, e.lastQty());
      FixSessions.setDecimal(report, LastPx.FIELD, e.lastPx());
    }
    if (e.type() == VenueBook.ExecType.REJECTED) {
      report.set(new OrdRejReason(e.text().startsWith("unknown symbol") ? OrdRejReason.UNKNOWN_SYMBOL
          : OrdRejReason.INCORRECT_QUANTITY));
    }
    if (!e.text().isEmpty()) {
      report.set(new Text(e.text()));
    }
    report.set(new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    return report;
  }

  private static char execType(VenueBook.ExecType type) {
    return switch (type) {
      case NEW -> ExecType.NEW;
      case PARTIAL_FILL, FILL -> ExecType.TRADE;
      case CANCELED -> ExecType.CANCELED;
      case REJECTED -> ExecType.REJECTED;
      case EXPIRED -> ExecType.EXPIRED;
      case ORDER_STATUS -> ExecType.ORDER_STATUS;
    };
  }

  private static char ordStatus(VenueBook.ExecType status) {
    return switch (status) {
      case NEW, ORDER_STATUS -> OrdStatus.NEW;
      case PARTIAL_FILL -> OrdStatus.PARTIALLY_FILLED;
      case FILL -> OrdStatus.FILLED;
      case CANCELED -> OrdStatus.CANCELED;
      case REJECTED -> OrdStatus.REJECTED;
      case EXPIRED -> OrdStatus.EXPIRED;
    };
  }

  private void send(Message message, SessionID sessionId) {
    try {
      Session.sendToTarget(message, sessionId);
    } catch (SessionNotFound e) {
      LOG.warning(() -> "venue: no session " + sessionId + " to send to");
    }
  }

  /** Quotes moved so far (for the venue's progress line and tests). */
  public synchronized long quotes() {
    return quotes;
  }
}
