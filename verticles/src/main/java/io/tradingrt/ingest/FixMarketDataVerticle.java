package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.FixSettings;
import io.tradingrt.fix.FixSessions;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;

import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketInitiator;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.fix44.MarketDataRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code ingest} role on a FIX venue ({@code ingest.feed = fix}): a FIX 4.4 session of its own (the
 * {@code fix} session's SenderCompID with {@code -MD}) asks for top-of-book snapshot + updates of
 * {@code ingest.symbols} at every logon, and each snapshot or incremental refresh becomes a tick on
 * {@link Addresses#MD_TICKS} (bid and ask with their sizes; {@code last} is the mid, as the venue sends no trades),
 * stamped with the time it entered the runtime. The session's store lives beside the order session's.
 */
public final class FixMarketDataVerticle extends VerticleBase implements Application {
  private static final Logger LOG = Logger.getLogger(FixMarketDataVerticle.class.getName());

  private final FixSettings fix;
  private final List<String> symbols;
  private final Map<String, Fixed[]> books = new HashMap<>();
  private Context context;
  private TickFlow flow;
  private SocketInitiator initiator;
  private SessionID sessionId;
  private long seq;
  private long published;

  public FixMarketDataVerticle(FixSettings fix, List<String> symbols) {
    this.fix = new FixSettings(fix.host(), fix.port(), fix.senderCompId() + "-MD", fix.targetCompId(),
        fix.heartbeatSeconds(), fix.reconnectSeconds(), fix.reconnectMaxSeconds(), fix.resetOnLogon(), fix.storePath() + "-md",
        fix.usernameEnv(), fix.passwordEnv());
    this.symbols = List.copyOf(symbols);
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    flow = TickFlow.of(vertx);
    sessionId = FixSessions.initiatorId(fix);
    return vertx.executeBlocking(() -> {
      initiator = FixSessions.startInitiator(this, fix);
      return null;
    }).onSuccess(v -> LOG.info(() -> "ingest: FIX 4.4 market data " + fix.senderCompId() + " -> "
        + fix.targetCompId() + " at " + fix.host() + ":" + fix.port() + " for " + symbols));
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      if (initiator != null) {
        initiator.stop();
      }
      LOG.info(() -> "ingest: FIX market data stopped after " + published + " ticks");
      return null;
    });
  }

  @Override
  public void onLogon(SessionID id) {
    MarketDataRequest request = new MarketDataRequest(new MDReqID("trt-" + System.currentTimeMillis()),
        new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(1));
    MarketDataRequest.NoMDEntryTypes bid = new MarketDataRequest.NoMDEntryTypes();
    bid.set(new MDEntryType(MDEntryType.BID));
    request.addGroup(bid);
    MarketDataRequest.NoMDEntryTypes offer = new MarketDataRequest.NoMDEntryTypes();
    offer.set(new MDEntryType(MDEntryType.OFFER));
    request.addGroup(offer);
    for (String symbol : symbols) {
      MarketDataRequest.NoRelatedSym related = new MarketDataRequest.NoRelatedSym();
      related.set(new Symbol(symbol));
      request.addGroup(related);
    }
    try {
      Session.sendToTarget(request, id);
      LOG.info(() -> "ingest: FIX market data session logged on; subscribed to " + symbols);
    } catch (quickfix.SessionNotFound e) {
      LOG.warning(() -> "ingest: no FIX session " + id);
    }
  }

  @Override
  public void fromApp(Message message, SessionID id) throws FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    boolean snapshot = MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH.equals(type);
    if (!snapshot && !MsgType.MARKET_DATA_INCREMENTAL_REFRESH.equals(type)) {
      return;
    }
    long now = MicrosClock.SYSTEM.nowMicros();
    String snapshotSymbol = snapshot ? message.getString(Symbol.FIELD) : null;
    Map<String, Fixed[]> changed = new HashMap<>();
    int count = message.getInt(NoMDEntries.FIELD);
    for (int i = 1; i <= count; i++) {
      Group entry = message.getGroup(i, NoMDEntries.FIELD);
      String symbol = snapshot ? snapshotSymbol : entry.getString(Symbol.FIELD);
      char side = entry.getChar(MDEntryType.FIELD);
      Fixed px = FixSessions.decimal(entry, MDEntryPx.FIELD);
      Fixed size = FixSessions.decimal(entry, MDEntrySize.FIELD, Fixed.ZERO);
      Fixed[] top = changed.computeIfAbsent(symbol, s -> books.getOrDefault(s, new Fixed[4]).clone());
      if (side == MDEntryType.BID) {
        top[0] = px;
        top[2] = size;
      } else if (side == MDEntryType.OFFER) {
        top[1] = px;
        top[3] = size;
      }
    }
    context.runOnContext(v -> publish(changed, now));
  }

  private void publish(Map<String, Fixed[]> changed, long now) {
    List<Tick> ticks = new ArrayList<>();
    changed.forEach((symbol, top) -> {
      books.put(symbol, top);
      if (top[0] != null && top[1] != null) {
        Fixed mid = top[0].plus(top[1]).dividedBy(Fixed.of(2));
        ticks.add(new Tick(symbol, now, top[0], top[1], top[2] == null ? Fixed.ZERO : top[2],
            top[3] == null ? Fixed.ZERO : top[3], mid, Fixed.ZERO, ++seq));
      }
    });
    if (ticks.isEmpty()) {
      return;
    }
    flow.published();
    vertx.eventBus().publish(Addresses.MD_TICKS, new TickBatch(ticks), new DeliveryOptions()
        .addHeader(Headers.INGEST_MICROS, Long.toString(now)));
    published += ticks.size();
  }

  @Override
  public void onCreate(SessionID id) {
  }

  @Override
  public void onLogout(SessionID id) {
    LOG.warning(() -> "ingest: FIX market data session logged out; reconnecting every " + fix.reconnectSeconds()
        + " s");
  }

  @Override
  public void toAdmin(Message message, SessionID id) {
  }

  @Override
  public void fromAdmin(Message message, SessionID id) {
  }

  @Override
  public void toApp(Message message, SessionID id) {
  }
}
