package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A sweep spread over the cluster: each parameter set is one {@link SweepJob} sent with {@code request} to
 * {@link Addresses#BACKTEST_RUN}, and the clustered event bus hands point-to-point messages to the nodes consuming
 * that address in turn — the nodes with the {@code backtest} role. No scheduler of our own: this class bounds the
 * jobs in flight, and watches the nodes that took them. A node answers at once that it took a job (and which cluster
 * node it is), then sends the outcome to this sweep's result address when the run ends; a job whose node leaves the
 * cluster (the cluster manager's member list, looked at twice a second), or that has no outcome after the time-out
 * (a stalled node), is sent again. So is a job no node took: none holds the role yet, or the one reached was
 * {@link SweepJobVerticle#BUSY} (not counted as an attempt). A job refused for what it is, or whose run failed, fails
 * the sweep. Runs are deterministic, so a job run twice changes nothing; the results are ranked as a local sweep's.
 * A supplier of sources cannot travel to another node: the ticks are the {@link TickData} this runner was built for,
 * which every backtest node opens itself, and the {@code sources} of {@link #run} are not read.
 */
public final class ClusterSweepRunner implements SweepRunner {
  private static final Logger LOG = Logger.getLogger(ClusterSweepRunner.class.getName());
  private static final long RETRY_DELAY_MILLIS = 200;
  private static final long BUSY_DELAY_MILLIS = 100;
  private static final long WATCH_MILLIS = 500;
  /** How long a node may take to say it took a job (it answers from its event loop, before running it). */
  private static final long TAKE_TIMEOUT_MILLIS = 30_000;

  private enum State { WAITING, SENT, TAKEN, DONE }

  private final Vertx vertx;
  private final TickData data;
  private final int maxInFlight;
  private final long timeoutMillis;
  private final int maxAttempts;

  /**
   * @param data          where the ticks are: a path every backtest node can read
   * @param maxInFlight   jobs sent and not yet finished, at most
   * @param timeoutMillis how long a taken job may go without its outcome before it is sent again, although its node
   *                      is still a member (longer than the slowest run)
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
    String sweepId = "sweep-" + Long.toString(System.currentTimeMillis(), 36) + "-"
        + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    String resultAddress = Addresses.BACKTEST_RUN + ".result." + sweepId;
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      jobs.add(new SweepJob(sweepId, i, resultAddress, spec, sets.get(i), data).toJson());
    }
    Dispatch dispatch = new Dispatch(sets, jobs, resultAddress, progress);
    vertx.runOnContext(v -> dispatch.start());
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
    final String resultAddress;
    final Sweep.Progress progress;
    final ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    final ArrayDeque<Integer> waiting = new ArrayDeque<>();
    final State[] states;
    final int[] attempts;
    final String[] takenBy;
    final long[] takenAt;
    final Sweep.Run[] runs;
    MessageConsumer<String> results;
    long watch = -1;
    int inFlight;
    int finished;
    long ticks;

    Dispatch(List<SweepGrid.ParameterSet> sets, List<String> jobs, String resultAddress, Sweep.Progress progress) {
      this.sets = sets;
      this.jobs = jobs;
      this.resultAddress = resultAddress;
      this.progress = progress;
      int n = sets.size();
      this.states = new State[n];
      this.attempts = new int[n];
      this.takenBy = new String[n];
      this.takenAt = new long[n];
      this.runs = new Sweep.Run[n];
      for (int i = 0; i < n; i++) {
        states[i] = State.WAITING;
        waiting.add(i);
      }
      done.whenComplete((r, e) -> vertx.runOnContext(v -> close()));
    }

    void start() {
      results = vertx.eventBus().consumer(resultAddress, m -> outcome(m.body()));
      results.completion().onSuccess(v -> {
        watch = vertx.setPeriodic(WATCH_MILLIS, id -> watch());
        pump();
      }).onFailure(done::completeExceptionally);
    }

    void close() {
      if (watch >= 0) {
        vertx.cancelTimer(watch);
      }
      if (results != null) {
        results.unregister();
      }
    }

    void pump() {
      while (!done.isDone() && inFlight < maxInFlight && !waiting.isEmpty()) {
        int index = waiting.poll();
        if (states[index] == State.WAITING) {
          send(index);
        }
      }
    }

    void send(int index) {
      states[index] = State.SENT;
      inFlight++;
      attempts[index]++;
      vertx.eventBus().<String>request(Addresses.BACKTEST_RUN, jobs.get(index),
          new DeliveryOptions().setSendTimeout(Math.min(TAKE_TIMEOUT_MILLIS, timeoutMillis))).onComplete(answer -> {
            if (done.isDone() || states[index] != State.SENT) {
              return;
            }
            if (answer.succeeded()) {
              SweepJob.Taken taken = SweepJob.taken(answer.result().body());
              states[index] = State.TAKEN;
              takenBy[index] = taken.nodeId();
              takenAt[index] = System.nanoTime();
            } else {
              notTaken(index, answer.cause());
            }
          });
    }

    void outcome(String body) {
      SweepJob.Outcome outcome = SweepJob.outcome(body);
      int index = outcome.index();
      if (done.isDone() || index < 0 || index >= runs.length || states[index] == State.DONE) {
        return;
      }
      if (outcome.error() != null) {
        done.completeExceptionally(new IllegalArgumentException("sweep set #" + (index + 1) + " failed on "
            + outcome.node() + ": " + outcome.error()));
        return;
      }
      if (states[index] == State.SENT || states[index] == State.TAKEN) {
        inFlight--;
      }
      states[index] = State.DONE;
      runs[index] = new Sweep.Run(index, sets.get(index), outcome.result(), outcome.wallMillis(), outcome.node());
      finished++;
      ticks += outcome.result().ticks();
      progress.runs(finished, runs.length, ticks);
      if (finished == runs.length) {
        done.complete(Arrays.asList(runs));
        return;
      }
      pump();
    }

    void notTaken(int index, Throwable cause) {
      ReplyException reply = cause instanceof ReplyException r ? r : null;
      boolean recipientFailed = reply != null && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE;
      if (recipientFailed && reply.failureCode() == SweepJobVerticle.REFUSED) {
        done.completeExceptionally(new IllegalArgumentException("sweep set #" + (index + 1) + ": "
            + reply.getMessage()));
        return;
      }
      boolean busy = recipientFailed && reply.failureCode() == SweepJobVerticle.BUSY;
      if (busy) {
        attempts[index]--;
      }
      again(index, busy ? BUSY_DELAY_MILLIS : RETRY_DELAY_MILLIS, busy ? null : describe(reply, cause));
    }

    /** Jobs taken by a node that is no longer a member, or without an outcome for too long, are sent again. */
    void watch() {
      if (done.isDone()) {
        return;
      }
      Set<String> members = cluster == null ? null : new HashSet<>(cluster.getNodes());
      long now = System.nanoTime();
      for (int i = 0; i < states.length; i++) {
        if (states[i] != State.TAKEN) {
          continue;
        }
        if (members != null && takenBy[i] != null && !members.contains(takenBy[i])) {
          again(i, 0, "its node left the cluster");
        } else if (now - takenAt[i] > timeoutMillis * 1_000_000L) {
          again(i, 0, "no outcome in " + timeoutMillis + " ms: its node stalled");
        }
      }
    }

    void again(int index, long delayMillis, String why) {
      inFlight--;
      states[index] = State.WAITING;
      if (why != null) {
        if (attempts[index] >= maxAttempts) {
          done.completeExceptionally(new IllegalStateException("sweep set #" + (index + 1) + " did not finish in "
              + maxAttempts + " attempts: " + why));
          return;
        }
        LOG.warning(() -> "sweep: set #" + (index + 1) + " is sent again (" + why + ")");
      }
      Runnable requeue = () -> {
        waiting.addFirst(index);
        pump();
      };
      if (delayMillis == 0) {
        requeue.run();
      } else {
        vertx.setTimer(delayMillis, t -> requeue.run());
      }
    }
  }

  private static String describe(ReplyException reply, Throwable cause) {
    if (reply == null) {
      return String.valueOf(cause.getMessage());
    }
    return switch (reply.failureType()) {
      case TIMEOUT -> "no node said it took the job in time";
      case NO_HANDLERS -> "no node holds the backtest role";
      default -> reply.getMessage();
    };
  }
}
