package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.FixSettings;
import io.tradingrt.config.VenueSettings;
import io.tradingrt.fix.FixSessions;
import io.tradingrt.venue.FixVenue;
import org.HdrHistogram.Histogram;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.NewOrderSingle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * FIX over loopback, both ends real QuickFIX/J with the FIX 4.4 dictionary validating every message: (1) order →
 * ExecutionReport round trip — market orders sent at a constant rate to the test venue, whose maker fills each at once,
 * timed from each order's planned send time (no coordinated omission) to the FILLED report, warm-up excluded; (2) the
 * market data a session takes in: the venue quoting as fast as it can, incremental refreshes counted per second.
 * Usage: FixRoundTrip [--rate 1000] [--seconds 20] [--warmup 5]
 */
public final class FixRoundTrip {

  public static void main(String[] args) throws Exception {
    int rate = 1000;
    int seconds = 20;
    int warmup = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (known: --rate N, --seconds S, --warmup S)");
      }
    }
    Path dir = Files.createTempDirectory("fix-bench");
    System.out.printf("FIX 4.4 over loopback, QuickFIX/J both ends, dictionary validation on; JVM %s%n",
        System.getProperty("java.version"));
    roundTrip(dir, rate, seconds, warmup);
    marketData(dir, 10);
  }

  private static void roundTrip(Path dir, int rate, int seconds, int warmup) throws Exception {
    VenueSettings venueSettings = new VenueSettings(19901, "VENUE", 1, Fixed.of(1_000_000), Fixed.ONE, 0,
        dir.resolve("venue-rt").toString());
    try (FixVenue venue = new FixVenue(venueSettings, List.of("AAPL"), 1, Fixed.of(100))) {
      venue.start(false);
      venue.quote("AAPL", Fixed.of("99.99"), Fixed.of("100.01"));
      Client client = new Client();
      SocketInitiator initiator = client.connect(dir, "rt", 19901);
      try {
        client.loggedOn.await(30, TimeUnit.SECONDS);
        long intervalNanos = 1_000_000_000L / rate;
        long total = (long) rate * (seconds + warmup);
        long start = System.nanoTime() + 100_000_000L;
        for (long i = 0; i < total; i++) {
          long planned = start + i * intervalNanos;
          while (System.nanoTime() < planned) {
            LockSupport.parkNanos(Math.min(50_000, planned - System.nanoTime()));
          }
          String id = (i < (long) rate * warmup ? "w" : "m") + i;
          client.planned.put(id, planned);
          NewOrderSingle order = new NewOrderSingle(new ClOrdID(id), new quickfix.field.Side(quickfix.field.Side.BUY),
              new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.MARKET));
          order.setString(Symbol.FIELD, "AAPL");
          FixSessions.setDecimal(order, OrderQty.FIELD, Fixed.ONE);
          Session.sendToTarget(order, client.session);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.done.get() < total && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        Histogram h = client.histogram;
        System.out.printf("order -> FILLED ExecutionReport at %,d orders/s for %d s (after %d s warm-up): %,d reports,"
                + " p50 %,d us, p99 %,d us, p99.9 %,d us, max %,d us%n", rate, seconds, warmup, h.getTotalCount(),
            h.getValueAtPercentile(50) / 1_000, h.getValueAtPercentile(99) / 1_000,
            h.getValueAtPercentile(99.9) / 1_000, h.getMaxValue() / 1_000);
      } finally {
        initiator.stop();
      }
    }
  }

  private static void marketData(Path dir, int seconds) throws Exception {
    VenueSettings venueSettings = new VenueSettings(19902, "VENUE", 10_000, Fixed.of(100), Fixed.ONE, 0,
        dir.resolve("venue-md").toString());
    List<String> symbols = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
    try (FixVenue venue = new FixVenue(venueSettings, symbols, 1, Fixed.of(100))) {
      venue.start(false);
      Client client = new Client();
      SocketInitiator initiator = client.connect(dir, "md", 19902);
      try {
        client.loggedOn.await(30, TimeUnit.SECONDS);
        MarketDataRequest request = new MarketDataRequest(new MDReqID("bench"),
            new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(1));
        MarketDataRequest.NoMDEntryTypes bid = new MarketDataRequest.NoMDEntryTypes();
        bid.set(new MDEntryType(MDEntryType.BID));
        request.addGroup(bid);
        for (String symbol : symbols) {
          MarketDataRequest.NoRelatedSym related = new MarketDataRequest.NoRelatedSym();
          related.set(new Symbol(symbol));
          request.addGroup(related);
        }
        for (String symbol : symbols) {
          venue.quote(symbol, Fixed.of(100), Fixed.of("100.02"));
        }
        Session.sendToTarget(request, client.session);
        Thread.sleep(500);
        // quote as fast as one thread can while the client takes them in; count what the client received
        long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        long before = client.quotes.get();
        long began = System.nanoTime();
        while (System.nanoTime() < stop) {
          long step = sent % 200;
          venue.quote(symbols.get((int) (sent % symbols.size())), Fixed.ofRaw(10_000_000_000L + step * 1_000_000L),
              Fixed.ofRaw(10_002_000_000L + step * 1_000_000L));
          sent++;
        }
        Thread.sleep(1_000);
        double elapsed = (System.nanoTime() - began) / 1e9;
        long received = client.quotes.get() - before;
        System.out.printf("market data: the venue sent %,d incremental refreshes in %.1f s; the session took in %,d "
            + "(%,.0f quotes/s, one symbol's bid and ask each)%n", sent, elapsed, received, received / elapsed);
      } finally {
        initiator.stop();
      }
    }
  }

  /** A FIX 4.4 initiator that times FILLED reports and counts incremental refreshes. */
  private static final class Client implements Application {
    final Map<String, Long> planned = new ConcurrentHashMap<>();
    final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    final AtomicLong done = new AtomicLong();
    final AtomicLong quotes = new AtomicLong();
    final CountDownLatch loggedOn = new CountDownLatch(1);
    SessionID session;

    SocketInitiator connect(Path dir, String name, int port) throws Exception {
      FixSettings fix = new FixSettings("127.0.0.1", port, "BENCH-" + name, "VENUE", 30, 1, 1, true,
          dir.resolve("client-" + name).toString(), "NONE", "NONE");
      session = FixSessions.initiatorId(fix);
      var settings = FixSessions.initiator(fix);
      SocketInitiator initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings,
          new SLF4JLogFactory(settings), new DefaultMessageFactory());
      initiator.start();
      return initiator;
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound {
      long now = System.nanoTime();
      String type = message.getHeader().getString(MsgType.FIELD);
      if (MsgType.MARKET_DATA_INCREMENTAL_REFRESH.equals(type)) {
        quotes.incrementAndGet();
      } else if (MsgType.EXECUTION_REPORT.equals(type) && message.getChar(OrdStatus.FIELD) == OrdStatus.FILLED) {
        String id2 = message.getString(ClOrdID.FIELD);
        Long sent = planned.remove(id2);
        if (sent != null) {
          if (id2.startsWith("m")) {
            histogram.recordValue(Math.max(0, now - sent));
          }
          done.incrementAndGet();
        }
      }
    }

    @Override
    public void onLogon(SessionID id) {
      loggedOn.countDown();
    }

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogout(SessionID id) {
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
}
