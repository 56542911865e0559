package io.tradingrt.storage;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.StorageSettings;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.journal.JournalRead;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.tier.TierManager;
import io.tradingrt.storage.writer.Quarantine;
import io.tradingrt.storage.writer.StorageLogHandler;
import io.tradingrt.storage.writer.StorageWriter;
import io.tradingrt.storage.writer.WriteQueue;
import io.tradingrt.storage.writer.WriterDatabase;
import io.tradingrt.storage.writer.WriterLoop;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The storage role: the only write connection to the DuckDB file. Opens it (migrations, tier recovery), runs the
 * {@link WriterLoop} on its own thread, turns bus messages into {@link WriteQueue} items, acknowledges durable
 * records after COMMIT, and deploys the {@link StorageReaderVerticle}s on duplicates of its connection.
 */
public final class StorageWriterVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(StorageWriterVerticle.class.getName());

  private final StorageSettings config;
  private final List<Function<StorageAccess, Deployable>> companions;
  /** Reply header of a durable write: {@code stored}, or {@code quarantined} when DuckDB rejected the record. */
  public static final String OUTCOME_HEADER = "storage-outcome";
  /**
   * Local: the ticks' consumer registers again, so that it comes after the consumers registered since. A publish
   * hands a batch to its consumers in the order they registered, and handing it to a thread that sleeps costs the
   * publishing thread up to a few hundred µs on a machine whose cores idle: in one process the launcher asks for this
   * once the order path runs, so a tick reaches strategy, risk and broker before it wakes the writer
   * (docs/architecture.md, the shared loop). Ticks cannot be lost by it: the feed starts after.
   */
  public static final String REJOIN_TICKS = "storage.ticks.rejoin";

  private DuckDBConnection connection;
  private WriterDatabase database;
  private WriteQueue queue;
  private WriterLoop loop;
  private Thread thread;
  private MessageConsumer<TickBatch> ticks;
  private final AtomicLong dropReports = new AtomicLong();
  /** Durable writes of journal facts offered so far: a cached journal image is valid while this has not moved. */
  private final AtomicLong journalVersion = new AtomicLong();
  /** Written and read on the writer thread only. */
  private JournalImage journalImage;
  private long journalImageVersion = -1;
  private long currentRun;
  private boolean runTaken;

  public StorageWriterVerticle(StorageSettings config) {
    this(config, List.of());
  }

  /**
   * @param companions verticles deployed beside the readers on this role's {@link StorageAccess} (the backtest
   *                   service), so they follow the writer wherever the storage role runs
   */
  public StorageWriterVerticle(StorageSettings config, List<Function<StorageAccess, Deployable>> companions) {
    this.config = config;
    this.companions = List.copyOf(companions);
  }

  @Override
  public Future<?> start() {
    connection = DuckDb.open(config);
    List<Integer> applied = Migrations.fromClasspath().apply(connection);
    if (!applied.isEmpty()) {
      LOG.info(() -> "storage: applied migrations " + applied + " to " + config.path());
    }
    new TierManager(connection, config.tierPath(), MicrosClock.SYSTEM).recover();
    queue = new WriteQueue(config.queueCapacity());
    database = new WriterDatabase(connection, () -> DuckDb.open(config), MicrosClock.SYSTEM);
    Quarantine quarantine = new Quarantine(Path.of(config.file() + ".quarantine.jsonl"), MicrosClock.SYSTEM);
    loop = new WriterLoop(queue, database, quarantine, MicrosClock.SYSTEM, config.flushRows(), config.flushMillis(),
        config.checkpointSeconds(), this::publishStatus);
    StorageLogHandler.attach(queue);
    thread = new Thread(loop, "storage-writer");
    thread.start();
    LOG.info(() -> "storage: writing " + config.path() + " (flush " + config.flushRows() + " rows or "
        + config.flushMillis() + " ms, queue " + config.queueCapacity() + " rows)");

    Context context = vertx.getOrCreateContext();
    EventBus bus = vertx.eventBus();
    vertx.setPeriodic(3_600_000L, id -> scheduleTierMove());
    int readers = Math.max(1, Math.min(config.readers(), Runtime.getRuntime().availableProcessors()));
    StorageAccess access = new StorageAccess(database::reader, queue::offer, config.file());
    List<Future<?>> started = new java.util.ArrayList<>();
    for (Function<StorageAccess, Deployable> companion : companions) {
      started.add(vertx.deployVerticle(() -> companion.apply(access),
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    }
    started.addAll(List.of(
        consumeTicks(),
        bus.<Object>localConsumer(REJOIN_TICKS, m -> ticks.unregister().compose(v -> consumeTicks())
            .onSuccess(v -> m.reply(true)).onFailure(e -> m.fail(500, e.getMessage()))).completion(),
        bus.<Bar>consumer(Addresses.MD_BARS, m -> bulk(new WriteQueue.BarRows(List.of(m.body())))).completion(),
        bus.<PortfolioSnapshot>consumer(Addresses.PORTFOLIO_UPDATES,
            m -> bulk(new WriteQueue.SnapshotRow(m.body()))).completion(),
        bus.<MetricsSnapshot>consumer(Addresses.METRICS_LIVE, m -> bulk(new WriteQueue.MetricsRow(m.body())))
            .completion(),
        bus.<OrderEvent>consumer(Addresses.STORAGE_ORDER_EVENTS,
            m -> durable(m, List.of(m.body()), List.of(), List.of(), context)).completion(),
        bus.<Fill>consumer(Addresses.STORAGE_FILLS,
            m -> durable(m, List.of(), List.of(m.body()), List.of(), context)).completion(),
        bus.<Position>consumer(Addresses.STORAGE_POSITIONS,
            m -> durable(m, List.of(), List.of(), List.of(m.body()), context)).completion(),
        bus.<JournalEntry>consumer(Addresses.STORAGE_JOURNAL_ENTRIES, m -> durable(m, new WriteQueue.Durable(
            List.of(), List.of(), List.of(), List.of(m.body()), new CompletableFuture<>()), context)).completion(),
        bus.<Object>consumer(Addresses.STORAGE_JOURNAL, m -> journal(m, context)).completion(),
        bus.<Object>consumer(Addresses.STORAGE_HEALTH, m -> m.reply(JsonObject.mapFrom(loop.health()))).completion(),
        vertx.deployVerticle(() -> new StorageReaderVerticle(database.reader(), config.backupDir()),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(readers))));
    return Future.all(started);
  }

  /** Every ready↔unavailable transition, so the risk role stops and resumes trading without waiting for its poll. */
  private void publishStatus() {
    JsonObject status = JsonObject.mapFrom(loop.health());
    vertx.runOnContext(v -> vertx.eventBus().publish(Addresses.STORAGE_STATUS, status));
  }

  private Future<Void> consumeTicks() {
    ticks = vertx.eventBus().consumer(Addresses.MD_TICKS, m -> bulk(new WriteQueue.TickRows(m.body().ticks())));
    return ticks.completion();
  }

  private void bulk(WriteQueue.Bulk rows) {
    if (!queue.offer(rows)) {
      long reports = dropReports.incrementAndGet();
      if (reports == 1 || reports % 1_000 == 0) {
        LOG.warning(() -> "storage: write queue full (" + queue.capacityRows() + " rows): " + queue.droppedRows()
            + " rows dropped so far");
      }
    }
  }

  private void durable(Message<?> message, List<OrderEvent> events, List<Fill> fills, List<Position> positions,
                       Context context) {
    durable(message, new WriteQueue.Durable(events, fills, positions, new CompletableFuture<>()), context);
  }

  private void durable(Message<?> message, WriteQueue.Durable item, Context context) {
    CompletableFuture<StorageWriter.TradingWrite> done = item.done();
    // positions rows are the check of a rebuild, not what it folds: writing them (as the portfolio does at start,
    // for rows a kill lost) must not hand a role starting beside it an image whose rows were already rewritten
    if (!item.events().isEmpty() || !item.fills().isEmpty() || !item.journal().isEmpty()) {
      journalVersion.incrementAndGet();
    }
    queue.offer(item);
    done.whenComplete((written, error) -> context.runOnContext(v -> {
      if (error != null) {
        message.fail(503, "storage: not committed: " + error.getMessage());
      } else {
        // stored in dead_letters counts as stored: the record can never be written, so retrying it is pointless
        message.reply(true, new io.vertx.core.eventbus.DeliveryOptions().addHeader(OUTCOME_HEADER,
            written.quarantined() > 0 ? "quarantined" : "stored"));
      }
    }));
  }

  /**
   * The journal for a rebuild, read on the writer thread between commits, for the current run. A request with
   * {@code {"newRun": true}} comes from the signal role, which names its orders by run: each such role gets a run of
   * its own. Roles starting together get one read: the image is kept until the next durable write.
   */
  private void journal(Message<Object> message, Context context) {
    boolean newRun = message.body() instanceof JsonObject body && body.getBoolean("newRun", false);
    long version = journalVersion.get();
    CompletableFuture<JournalImage> done = new CompletableFuture<>();
    CompletableFuture<Void> task = new CompletableFuture<>();
    task.whenComplete((v, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      }
    });
    queue.offer(new WriteQueue.Task("journal read", c -> {
      JournalImage cached = journalImage;
      // the first read of this writer starts a run; a role that names orders takes it, and a second such role
      // (a trading core taking over while storage stays up) starts the next one
      if (currentRun == 0 || newRun && runTaken) {
        currentRun = JournalRead.startRun(c, MicrosClock.SYSTEM.nowMicros());
        runTaken = false;
      }
      runTaken |= newRun;
      long run = currentRun;
      JournalImage image = cached != null && journalImageVersion == version ? cached.withRunId(run)
          : JournalRead.image(c, run);
      journalImage = image;
      journalImageVersion = version;
      done.complete(image);
    }, task));
    done.whenComplete((image, error) -> context.runOnContext(v -> {
      if (error != null) {
        message.fail(503, "storage: cannot read the journal: " + error.getMessage());
      } else {
        message.reply(image);
      }
    }));
  }

  private void scheduleTierMove() {
    var retention = config.retention();
    queue.offer(new WriteQueue.Task("tier move", c -> {
      var report = new TierManager(c, config.tierPath(), MicrosClock.SYSTEM).run(retention.hotDays(),
          retention.coldDays());
      LOG.info(() -> "storage: tier move: " + report);
    }, new CompletableFuture<>()));
  }

  public WriterLoop.Health health() {
    return loop.health();
  }

  /** Readers are undeployed first (children); then the loop drains, commits and closes within the stop budget. */
  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      StorageLogHandler.detach();
      loop.stop(System.nanoTime() + 3_000_000_000L);
      thread.join(4_000);
      WriterLoop.Health health = loop.health();
      LOG.info(() -> "storage: closed " + config.path() + " after " + health.rowsCommitted() + " rows in "
          + health.commits() + " commits, " + health.droppedRows() + " dropped");
      return null;
    });
  }
}
