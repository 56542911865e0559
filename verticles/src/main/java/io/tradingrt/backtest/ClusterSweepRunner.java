package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A sweep spread over the cluster: each parameter set is one {@link SweepJob} sent with {@code request} to
 * {@link Addresses#BACKTEST_RUN}, and the clustered event bus hands point-to-point messages to the nodes consuming
 * that address in turn — the nodes with the {@code backtest} role. No scheduler of our own: this class only bounds
 * how many jobs are in flight and sends a job again when its answer does not come (its node died or stalled: the
 * request times out), when no node holds the role yet, or when the node it reached was {@link SweepJobVerticle#BUSY}.
 * A job refused for what it is ({@link SweepJobVerticle#REFUSED}) fails the sweep. Runs are deterministic, so a job
 * run twice (a slow node answering after its time-out) changes nothing; the results are ranked as a local sweep's.
 * A supplier of sources cannot travel to another node: the ticks are the {@link TickData} this runner was built
 * for, which every backtest node opens itself, and the {@code sources} of {@link #run} are not read.
 */
public final class ClusterSweepRunner implements SweepRunner {
  private static final Logger LOG = Logger.getLogger(ClusterSweepRunner.class.getName());
  private static final long RETRY_DELAY_MILLIS = 200;
  private static final long BUSY_DELAY_MILLIS = 100;

  private final Vertx vertx;
  private final TickData data;
  private final int maxInFlight;
  private final long timeoutMillis;
  private final int maxAttempts;

  /**
   * @param data          where the ticks are: a path every backtest node can read
   * @param maxInFlight   jobs sent and not yet answered, at most
   * @param timeoutMillis how long one job may take before it is sent again (longer than the slowest run)
   * @param maxAttempts   sends of one job before the sweep fails (busy answers are not counted)
   */
  public ClusterSweepRunner(Vertx vertx, TickData data, int maxInFlight, long timeoutMillis, int maxAttempts) {
    if (maxInFlight < 1 || timeoutMillis < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("a cluster sweep needs at least one job in flight, a time-out and an attempt");
    }
    this.vertx = vertx;
    this.data = data;
    this.maxInFlight = maxInFlight;
    this.timeoutMillis = timeoutMillis;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public List<Sweep.Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, Supplier<TickSource> sources,
                             Sweep.Progress progress) throws InterruptedException {
    String sweepId = "sweep-" + Long.toString(System.currentTimeMillis(), 36);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      jobs.add(new SweepJob(sweepId, i, spec, sets.get(i), data).toJson());
    }
    Dispatch dispatch = new Dispatch(sets, jobs, progress);
    vertx.runOnContext(v -> dispatch.pump());
    try {
      List<Sweep.Run> runs = new ArrayList<>(dispatch.done.get());
      runs.sort(Sweep.RANKING);
      return runs;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      dispatch.done.cancel(false);
      throw e;
    }
  }

  /** The state of one sweep, touched only on the context it started on. */
  private final class Dispatch {
    final CompletableFuture<List<Sweep.Run>> done = new CompletableFuture<>();
    final List<SweepGrid.ParameterSet> sets;
    final List<String> jobs;
    final Sweep.Progress progress;
    final ArrayDeque<Integer> waiting = new ArrayDeque<>();
    final int[] attempts;
    final Sweep.Run[] runs;
    int inFlight;
    int finished;
    long ticks;

    Dispatch(List<SweepGrid.ParameterSet> sets, List<String> jobs, Sweep.Progress progress) {
      this.sets = sets;
      this.jobs = jobs;
      this.progress = progress;
      this.attempts = new int[sets.size()];
      this.runs = new Sweep.Run[sets.size()];
      for (int i = 0; i < sets.size(); i++) {
        waiting.add(i);
      }
    }

    void pump() {
      while (!done.isDone() && inFlight < maxInFlight && !waiting.isEmpty()) {
        send(waiting.poll());
      }
    }

    void send(int index) {
      inFlight++;
      attempts[index]++;
      vertx.eventBus().<String>request(Addresses.BACKTEST_RUN, jobs.get(index),
          new DeliveryOptions().setSendTimeout(timeoutMillis)).onComplete(answer -> {
            inFlight--;
            if (done.isDone()) {
              return;
            }
            if (answer.succeeded()) {
              finished(index, answer.result().body());
            } else {
              failed(index, answer.cause());
            }
            pump();
          });
    }

    void finished(int index, String body) {
      if (runs[index] != null) {
        return;
      }
      SweepJob.Outcome outcome = SweepJob.outcome(body);
      runs[index] = new Sweep.Run(index, sets.get(index), outcome.result(), outcome.wallMillis(), outcome.node());
      finished++;
      ticks += outcome.result().ticks();
      progress.runs(finished, runs.length, ticks);
      if (finished == runs.length) {
        done.complete(Arrays.asList(runs));
      }
    }

    void failed(int index, Throwable cause) {
      ReplyException reply = cause instanceof ReplyException r ? r : null;
      if (reply != null && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && reply.failureCode() == SweepJobVerticle.REFUSED) {
        done.completeExceptionally(new IllegalArgumentException("sweep set #" + (index + 1) + " " + reply.getMessage()));
        return;
      }
      boolean busy = reply != null && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && reply.failureCode() == SweepJobVerticle.BUSY;
      if (busy) {
        attempts[index]--;
      } else if (attempts[index] >= maxAttempts) {
        done.completeExceptionally(new IllegalStateException("sweep set #" + (index + 1) + " got no answer in "
            + maxAttempts + " attempts: " + cause.getMessage()));
        return;
      } else {
        LOG.warning(() -> "sweep: set #" + (index + 1) + " is sent again (" + describe(reply, cause) + ")");
      }
      vertx.setTimer(busy ? BUSY_DELAY_MILLIS : RETRY_DELAY_MILLIS, t -> {
        waiting.addFirst(index);
        pump();
      });
    }
  }

  private static String describe(ReplyException reply, Throwable cause) {
    if (reply == null) {
      return String.valueOf(cause.getMessage());
    }
    return switch (reply.failureType()) {
      case TIMEOUT -> "no answer in time: its node died or stalled";
      case NO_HANDLERS -> "no node holds the backtest role";
      default -> reply.getMessage();
    };
  }
}
