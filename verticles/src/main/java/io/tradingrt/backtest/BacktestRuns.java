package io.tradingrt.backtest;

import io.tradingrt.time.MicrosClock;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The runs started on this node: at most {@code maxRunning} at once on the executor given (a refused start is a
 * {@link Busy}), each with its status, progress and, when done, its report. Progress goes to {@code onProgress} at
 * most every {@code progressEveryMicros} per run and at every status change. Finished runs are kept up to
 * {@code keep}, oldest forgotten first (they stay in the database). No Vert.x: the verticle publishes what this says.
 */
public final class BacktestRuns {
  public enum Status { RUNNING, DONE, FAILED }

  /** What a running job tells: ticks done against those expected (0 when unknown), sweep runs done of all. */
  public interface Tracker {
    void ticks(long done, long expected);

    void runs(int done, int of, long ticks);
  }

  /** The work of one run, on the executor ({@code started}: its id and creation time); returns its report JSON. */
  @FunctionalInterface
  public interface Job {
    String run(View started, Tracker tracker) throws Exception;
  }

  /** Refused: as many runs are in progress as this node allows. */
  public static final class Busy extends RuntimeException {
    Busy(String message) {
      super(message, null, false, false);
    }
  }

  /** One run as the API shows it; {@code report} is the report JSON when DONE, {@code message} the failure. */
  public record View(String runId, String kind, Status status, long createdMicros, Long finishedMicros,
                     double progress, long ticks, long expectedTicks, int runsDone, int runs, String message,
                     String report) {
  }

  private final ExecutorService executor;
  private final int maxRunning;
  private final int keep;
  private final MicrosClock clock;
  private final long progressEveryMicros;
  private final Consumer<View> onProgress;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private int running;
  private long lastId;

  public BacktestRuns(ExecutorService executor, int maxRunning, int keep, MicrosClock clock, long progressEveryMicros,
                      Consumer<View> onProgress) {
    if (maxRunning < 1 || keep < 1) {
      throw new IllegalArgumentException("a backtest registry runs at least one run and keeps at least one");
    }
    this.executor = executor;
    this.maxRunning = maxRunning;
    this.keep = keep;
    this.clock = clock;
    this.progressEveryMicros = progressEveryMicros;
    this.onProgress = onProgress;
  }

  /** Starts {@code job} as a new run of {@code kind} ({@code run} or {@code sweep} of {@code runs} sets). */
  public View start(String kind, int runs, Job job) {
    Entry entry;
    synchronized (this) {
      if (running >= maxRunning) {
        throw new Busy(running + " backtests are running, the most this runtime runs at once; retry when one "
            + "finishes (GET /api/backtests)");
      }
      long micros = Math.max(clock.nowMicros(), lastId + 1);
      lastId = micros;
      entry = new Entry("bt-" + Long.toString(micros, 36), kind, micros, runs);
      entries.put(entry.runId, entry);
      running++;
    }
    try {
      executor.execute(() -> execute(entry, job));
    } catch (RejectedExecutionException e) {
      finish(entry, null, "the backtest executor is shut down");
      throw new Busy("the backtest executor is shut down");
    }
    return entry.view();
  }

  private void execute(Entry entry, Job job) {
    Tracker tracker = new Tracker() {
      @Override
      public void ticks(long done, long expected) {
        synchronized (BacktestRuns.this) {
          entry.ticks = done;
          entry.expectedTicks = Math.max(expected, 0);
        }
        maybePublish(entry);
      }

      @Override
      public void runs(int done, int of, long ticks) {
        synchronized (BacktestRuns.this) {
          entry.runsDone = done;
          entry.runs = of;
          entry.ticks = ticks;
        }
        maybePublish(entry);
      }
    };
    View started;
    synchronized (this) {
      started = entry.view();
    }
    onProgress.accept(started);
    try {
      finish(entry, job.run(started, tracker), null);
    } catch (Exception | LinkageError | OutOfMemoryError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      finish(entry, null, message.lines().findFirst().orElse(message));
    }
  }

  private void maybePublish(Entry entry) {
    long now = clock.nowMicros();
    View view;
    synchronized (this) {
      if (now - entry.publishedMicros < progressEveryMicros) {
        return;
      }
      entry.publishedMicros = now;
      view = entry.view();
    }
    onProgress.accept(view);
  }

  private void finish(Entry entry, String report, String failure) {
    View view;
    synchronized (this) {
      entry.status = failure == null ? Status.DONE : Status.FAILED;
      entry.report = report;
      entry.message = failure;
      entry.finishedMicros = clock.nowMicros();
      if (failure == null) {
        entry.runsDone = entry.runs;
      }
      running--;
      view = entry.view();
      forgetOldFinished();
    }
    onProgress.accept(view);
  }

  private void forgetOldFinished() {
    long finished = entries.values().stream().filter(e -> e.status != Status.RUNNING).count();
    Iterator<Entry> oldestFirst = entries.values().iterator();
    while (finished > keep && oldestFirst.hasNext()) {
      if (oldestFirst.next().status != Status.RUNNING) {
        oldestFirst.remove();
        finished--;
      }
    }
  }

  public synchronized Optional<View> get(String runId) {
    Entry entry = entries.get(runId);
    return entry == null ? Optional.empty() : Optional.of(entry.view());
  }

  /** Newest first. */
  public synchronized List<View> list() {
    List<View> views = new ArrayList<>();
    entries.values().forEach(e -> views.add(0, e.view()));
    return views;
  }

  public synchronized int running() {
    return running;
  }

  /** Guarded by the registry's lock. */
  private static final class Entry {
    final String runId;
    final String kind;
    final long createdMicros;
    Status status = Status.RUNNING;
    Long finishedMicros;
    long ticks;
    long expectedTicks;
    int runsDone;
    int runs;
    String message;
    String report;
    long publishedMicros = Long.MIN_VALUE / 2;

    Entry(String runId, String kind, long createdMicros, int runs) {
      this.runId = runId;
      this.kind = kind;
      this.createdMicros = createdMicros;
      this.runs = runs;
    }

    View view() {
      double progress = status == Status.DONE ? 1.0 : progress();
      return new View(runId, kind, status, createdMicros, finishedMicros, progress, ticks, expectedTicks, runsDone,
          runs, message, report);
    }

    private double progress() {
      if (runs > 1) {
        return Math.min(1.0, (double) runsDone / runs);
      }
      return expectedTicks <= 0 ? 0.0 : Math.min(1.0, (double) ticks / expectedTicks);
    }
  }
}
