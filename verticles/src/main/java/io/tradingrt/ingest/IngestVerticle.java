package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.IngestSettings;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.Timer;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Publishes the configured feed on {@link Addresses#MD_TICKS} as {@link TickBatch}es, paced to {@code ticksPerSecond}.
 * Deployed as a worker for CSV replay (file reads block), on an event loop for the simulated feed. Pacing
 * {@code timer} (default) wakes with a one-shot timer at the next tick's planned time; {@code thread} spins to it on a thread of its own.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(IngestVerticle.class.getName());
  /** Upper bound of ticks sent per fire: one late fire must not hold the event loop for more than a few ms. */
  private static final long MAX_PER_FIRE = 20_000;

  private TickFeed feed;
  private Pacer pacer;
  private long epochOffsetMicros;
  private int batchSize;
  // the timer pacing's floor between wake-ups, and its wait while a recording's consumers are behind
  private static final long MIN_WAIT_NANOS = 100_000;
  private static final long HELD_BACK_WAIT_NANOS = 1_000_000;
  private Timer timer;
  private long reportTimerId;
  private EventBus bus;
  private volatile boolean ended;
  private volatile boolean stopping;
  private Thread pacingThread;
  private volatile long published;
  private TickFlow flow;
  private long maxBehindBatches;
  private long droppedReported;
  private final IngestSettings conf;

  public IngestVerticle(IngestSettings settings) {
    this.conf = settings;
  }

  @Override
  public Future<?> start() {
    try {
      feed = createFeed(conf);
    } catch (IllegalArgumentException | IOException e) {
      return Future.failedFuture("ingest: " + e.getMessage());
    }
    long rate = conf.ticksPerSecond();
    batchSize = conf.batchSize();
    // how far the slowest consumer may fall behind before the feed holds back: bounds every md.ticks queue
    maxBehindBatches = Math.max(2, conf.maxBehindTicks() / batchSize);
    flow = TickFlow.of(vertx);
    bus = vertx.eventBus();
    epochOffsetMicros = EpochOffset.micros(MicrosClock.SYSTEM, System::nanoTime);
    long startNanos = System.nanoTime();
    pacer = new Pacer(rate, startNanos);
    String pacing = conf.pacing();
    switch (pacing) {
      case "timer" -> wake();
      case "thread" -> {
        pacingThread = new Thread(this::paceOnThread, "ingest-pacer");
        pacingThread.setDaemon(true);
        pacingThread.start();
      }
      default -> {
        feed.close();
        return Future.failedFuture("ingest: unknown pacing '" + pacing + "' (known: timer, thread)");
      }
    }
    reportTimerId = vertx.setPeriodic(10_000, id -> report());
    LOG.info(() -> "ingest: " + feed.describe() + " at " + rate + " ticks/s");
    return Future.succeededFuture();
  }

  static TickFeed createFeed(IngestSettings conf) throws IOException {
    String kind = conf.feed();
    switch (kind) {
      case "simulated" -> {
        return new SimulatedFeed(conf.symbols(), conf.seed(), conf.startPrice(), conf.volatilityBps(),
            conf.spreadBps());
      }
      case "csv" -> {
        String csvPath = conf.csvPath();
        if (csvPath.isBlank()) {
          throw new IllegalArgumentException("feed 'csv' needs ingest.csvPath");
        }
        return new CsvReplayFeed(Path.of(csvPath), bad -> LOG.warning(
            () -> "ingest: " + csvPath + " line " + bad.lineNumber() + " skipped: " + bad.reason()));
      }
      default -> throw new IllegalArgumentException("unknown feed '" + kind + "' (known: simulated, csv)");
    }
  }

  /**
   * The timer pacing: send what is due, then a one-shot timer for the next tick's planned time (a fixed period would
   * hold a tick back for up to the period: 20 ms at 50 ticks/s, all of it counted as latency). While consumers are
   * too far behind for a recording to go on, it looks again after a millisecond.
   */
  private void wake() {
    if (ended || stopping) {
      return;
    }
    boolean heldBack;
    try {
      heldBack = pump();
    } catch (RuntimeException e) {
      ended = true;
      LOG.severe(() -> "ingest: the feed stopped after " + published + " ticks: " + e.getMessage());
      return;
    }
    if (ended || stopping) {
      return;
    }
    long wait = heldBack ? HELD_BACK_WAIT_NANOS : pacer.waitNanos(System.nanoTime(), MIN_WAIT_NANOS);
    timer = vertx.timer(wait, TimeUnit.NANOSECONDS);
    timer.onSuccess(v -> wake());
  }

  /**
   * Sends each tick at its planned time instead of at the next 1 ms timer tick: a dedicated thread parks until the
   * next tick is due. Costs a thread; buys tick-to-trade latency that is not dominated by timer granularity.
   */
  private void paceOnThread() {
    try {
      while (!ended && !stopping) {
        long wait = pacer.nextDueNanos() - System.nanoTime();
        if (wait > 20_000) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait - 10_000);
        } else if (wait <= 0) {
          pump();
        } else {
          Thread.onSpinWait();
        }
      }
    } catch (RuntimeException e) {
      ended = true;
      LOG.severe(() -> "ingest: the feed stopped after " + published + " ticks: " + e.getMessage());
    }
  }

  private void report() {
    long dropped = flow.droppedTicks();
    LOG.info(() -> "ingest: " + published + " ticks published" + (dropped == droppedReported ? ""
        : ", " + (dropped - droppedReported) + " dropped in the last 10 s because consumers were behind (slowest: "
        + flow.slowest() + ", " + dropped + " in all)"));
    droppedReported = dropped;
  }

  /**
   * Sends what is due, as far as the slowest consumer has room; a live feed drops the rest, a recording waits.
   * True when ticks that are due stay unsent (a recording waiting for its consumers).
   */
  private boolean pump() {
    if (ended) {
      return false;
    }
    long dueNow = pacer.due(System.nanoTime());
    long behind = flow.behind();
    long room = behind >= maxBehindBatches ? 0 : (maxBehindBatches - behind) * batchSize;
    long due = Math.min(dueNow, Math.min(MAX_PER_FIRE, room));
    if (due < dueNow && feed.dropsWhenBehind()) {
      pacer.skip(dueNow - due);
      flow.dropped(dueNow - due);
    }
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
    return due < dueNow && !feed.dropsWhenBehind();
  }

  private void publish(List<Tick> ticks) {
    flow.published();
    // the moment the ticks enter the runtime: in-runtime tick-to-trade starts here, not at their planned time
    bus.publish(Addresses.MD_TICKS, new TickBatch(ticks), new DeliveryOptions()
        .addHeader(Headers.INGEST_MICROS, Long.toString(MicrosClock.SYSTEM.nowMicros())));
    published += ticks.size();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (pacingThread != null) {
      try {
        pacingThread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (timer != null) {
      timer.cancel();
    }
    vertx.cancelTimer(reportTimerId);
    if (pacingThread == null || !pacingThread.isAlive()) {
      feed.close();
    }
    LOG.info(() -> "ingest: stopped after " + published + " ticks");
    return Future.succeededFuture();
  }
}
