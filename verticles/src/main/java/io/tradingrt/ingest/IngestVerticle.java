package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes the configured feed on {@link Addresses#MD_TICKS} as {@link TickBatch}es, paced to {@code ticksPerSecond}.
 * Deployed as a worker for CSV replay (file reads block), on an event loop for the simulated feed.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(IngestVerticle.class.getName());
  /** Upper bound of ticks sent per timer fire, so one late fire cannot monopolise the thread. */
  private static final long MAX_PER_FIRE = 200_000;

  private TickFeed feed;
  private Pacer pacer;
  private long epochOffsetMicros;
  private int batchSize;
  private long timerId;
  private long reportTimerId;
  private EventBus bus;
  private boolean ended;
  private long published;

  @Override
  public Future<?> start() {
    JsonObject conf = config();
    try {
      feed = createFeed(conf);
    } catch (IllegalArgumentException | IOException e) {
      return Future.failedFuture("ingest: " + e.getMessage());
    }
    long rate = conf.getLong("ticksPerSecond", 100L);
    batchSize = conf.getInteger("batchSize", 500);
    bus = vertx.eventBus();
    long startNanos = System.nanoTime();
    epochOffsetMicros = MicrosClock.SYSTEM.nowMicros() - startNanos / 1_000;
    pacer = new Pacer(rate, startNanos);
    timerId = vertx.setPeriodic(Pacer.timerPeriodMillis(rate), id -> pump());
    reportTimerId = vertx.setPeriodic(10_000, id -> LOG.info(() -> "ingest: " + published + " ticks published"));
    LOG.info(() -> "ingest: " + feed.describe() + " at " + rate + " ticks/s");
    return Future.succeededFuture();
  }

  static TickFeed createFeed(JsonObject conf) throws IOException {
    String kind = conf.getString("feed", "simulated");
    switch (kind) {
      case "simulated" -> {
        List<String> symbols = strings(conf.getJsonArray("symbols", new JsonArray().add("AAPL")));
        return new SimulatedFeed(symbols, conf.getLong("seed", 42L), Fixed.of(conf.getString("startPrice", "100")),
            conf.getLong("volatilityBps", 5L), conf.getLong("spreadBps", 2L));
      }
      case "csv" -> {
        String csvPath = conf.getString("csvPath", "");
        if (csvPath.isBlank()) {
          throw new IllegalArgumentException("feed 'csv' needs ingest.csvPath");
        }
        return new CsvReplayFeed(Path.of(csvPath), bad -> LOG.warning(
            () -> "ingest: " + csvPath + " line " + bad.lineNumber() + " skipped: " + bad.reason()));
      }
      default -> throw new IllegalArgumentException("unknown feed '" + kind + "' (known: simulated, csv)");
    }
  }

  private void pump() {
    if (ended) {
      return;
    }
    long due = Math.min(pacer.due(System.nanoTime()), MAX_PER_FIRE);
    List<Tick> batch = new ArrayList<>((int) Math.min(due, batchSize));
    for (long i = 0; i < due; i++) {
      Tick tick = feed.next(epochOffsetMicros + pacer.nextPlannedNanos() / 1_000);
      if (tick == null) {
        ended = true;
        LOG.info(() -> "ingest: " + feed.describe() + " ended after " + (published + batch.size()) + " ticks"
            + (feed instanceof CsvReplayFeed csv ? ", " + csv.malformedCount() + " malformed lines skipped" : ""));
        break;
      }
      batch.add(tick);
      if (batch.size() == batchSize) {
        publish(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      publish(batch);
    }
  }

  private void publish(List<Tick> ticks) {
    bus.publish(Addresses.MD_TICKS, new TickBatch(ticks));
    published += ticks.size();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    vertx.cancelTimer(reportTimerId);
    feed.close();
    LOG.info(() -> "ingest: stopped after " + published + " ticks");
    return Future.succeededFuture();
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(Object::toString).toList();
  }
}
