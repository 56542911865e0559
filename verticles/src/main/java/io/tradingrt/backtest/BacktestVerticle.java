package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.storage.StorageAccess;
import io.tradingrt.storage.writer.WriteQueue;
import io.tradingrt.storage.writer.WriterDatabase;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duckdb.DuckDBConnection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The backtest service's shell, deployed by the storage role beside its readers (a worker verticle): relays the
 * {@code backtest.*} requests to {@link BacktestService} and publishes each run's progress on
 * {@code backtest.progress}. Runs go on an executor of {@link #RUNNING} thread of their own, off the event loops and
 * off the writer; a run reads its ticks on a reader's duplicate connection and stores its result as a writer task.
 */
public final class BacktestVerticle extends VerticleBase {
  /** Runs at once: one core for backtests beside live trading; a sweep inside it uses every core. */
  public static final int RUNNING = 1;
  /** Finished runs kept in memory (the database keeps every run). */
  public static final int KEPT = 50;
  private static final long PROGRESS_EVERY_MICROS = 250_000;
  private static final long STORE_TIMEOUT_SECONDS = 600;

  private final BacktestSpec configured;
  private final StorageAccess storage;
  private ExecutorService executor;
  private BacktestService service;

  public BacktestVerticle(BacktestSpec configured, StorageAccess storage) {
    this.configured = configured;
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(RUNNING, r -> {
      Thread thread = new Thread(r, "backtest-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    var bus = vertx.eventBus();
    BacktestRuns runs = new BacktestRuns(executor, RUNNING, KEPT, MicrosClock.SYSTEM, PROGRESS_EVERY_MICROS,
        view -> bus.publish(Addresses.BACKTEST_PROGRESS, json(BacktestService.json(view, false))));
    service = new BacktestService(configured, BacktestService.dataRoot(storage.databaseFile()),
        new StorageDatabase(storage.readers(), storage.writerTasks()), LocalSweepRunner.allCores(), runs);
    return Future.all(List.of(
        bus.<JsonObject>consumer(Addresses.BACKTEST_START, m -> answer(m, p -> json(service.start(p.encode()))))
            .completion(),
        bus.<JsonObject>consumer(Addresses.BACKTEST_LIST, m -> answer(m, p -> new JsonObject()
            .put("items", new JsonArray(ReportJson.write(service.list(limit(p,
                BacktestService.MAX_LIST, 50)))))))
            .completion(),
        bus.<JsonObject>consumer(Addresses.BACKTEST_GET, m -> answer(m, p -> found(service.get(id(p)), p)))
            .completion(),
        bus.<JsonObject>consumer(Addresses.BACKTEST_EQUITY, m -> answer(m, p -> found(service.equity(id(p)), p)))
            .completion(),
        bus.<JsonObject>consumer(Addresses.BACKTEST_FILLS, m -> answer(m, p -> found(service.fills(id(p),
            p.getLong("offset", 0L), limit(p, BacktestService.MAX_FILLS_PAGE, 1000)), p))).completion()));
  }

  private static void answer(Message<JsonObject> message, Function<JsonObject, JsonObject> handler) {
    JsonObject params = message.body() == null ? new JsonObject() : message.body();
    try {
      message.reply(handler.apply(params));
    } catch (BacktestRequest.Refused | ClassCastException e) {
      message.fail(400, e instanceof ClassCastException ? "a parameter has the wrong type" : e.getMessage());
    } catch (BacktestRuns.Busy e) {
      message.fail(429, e.getMessage());
    } catch (NotFound e) {
      message.fail(404, e.getMessage());
    } catch (RuntimeException e) {
      // an unexpected failure still answers: the caller must not wait for its timeout
      message.fail(500, "backtest: " + e.getMessage());
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private static JsonObject found(Optional<Map<String, Object>> value, JsonObject params) {
    return json(value.orElseThrow(() -> new NotFound("no backtest '" + params.getString("id") + "' (neither running "
        + "on this runtime nor stored)")));
  }

  private static String id(JsonObject params) {
    String id = params.getString("id");
    if (id == null || id.isBlank()) {
      throw new BacktestRequest.Refused("the request needs the run's 'id'");
    }
    return id;
  }

  private static int limit(JsonObject params, int max, int absent) {
    int limit = params.getInteger("limit", absent);
    if (limit < 1 || limit > max) {
      throw new BacktestRequest.Refused("limit must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  private static JsonObject json(Map<String, Object> map) {
    return new JsonObject(ReportJson.write(map));
  }

  /** The storage role's readers and writer as the service uses them: one reader per call, closed after it. */
  private record StorageDatabase(Supplier<WriterDatabase.Reader> readers, Consumer<WriteQueue.Task> tasks)
      implements BacktestService.Database {
    @Override
    public <T> T read(Function<DuckDBConnection, T> query) {
      WriterDatabase.Reader reader = readers.get();
      try {
        return reader.use(query);
      } finally {
        reader.close();
      }
    }

    @Override
    public void write(String name, Consumer<DuckDBConnection> work) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      tasks.accept(new WriteQueue.Task(name, work, done));
      try {
        done.get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("the result was not stored: " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("the writer did not store the result in " + STORE_TIMEOUT_SECONDS + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the result was being stored");
      }
    }
  }

  @Override
  public Future<?> stop() {
    executor.shutdownNow();
    return Future.succeededFuture();
  }
}
