package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;

import java.util.logging.Logger;

/**
 * The {@code backtest} role: runs the sweep jobs sent to {@link Addresses#BACKTEST_RUN} (a {@link SweepJob} as JSON,
 * answered with its {@link SweepJob.Outcome} as JSON), each on a thread of a worker pool of its own (one per core),
 * never on an event loop. Any number of nodes may hold the role: the clustered event bus hands each job to one of
 * them in turn. A node takes at most two jobs per thread; past that it answers {@link #BUSY} at once, and the sender
 * tries again. A job that cannot run (a parameter set no strategy has, a path this node cannot read) is answered
 * {@link #REFUSED} with its reason, and is not tried again elsewhere.
 */
public final class SweepJobVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SweepJobVerticle.class.getName());
  /** Failure code: this node has as many jobs as it takes; try again, here or elsewhere. */
  public static final int BUSY = 503;
  /** Failure code: the job itself cannot run, on any node. */
  public static final int REFUSED = 400;

  private final String node;
  private final int threads;
  private WorkerExecutor workers;
  private int taken;

  /**
   * @param node    the name the outcomes carry (the cluster's node name)
   * @param threads jobs run at once on this node
   */
  public SweepJobVerticle(String node, int threads) {
    this.node = node;
    this.threads = threads;
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor("backtest-" + node, threads, Long.MAX_VALUE);
    LOG.info(() -> "backtest: " + node + " runs sweep jobs from " + Addresses.BACKTEST_RUN + ", " + threads
        + " at once");
    return vertx.eventBus().<String>consumer(Addresses.BACKTEST_RUN, this::onJob).completion();
  }

  private void onJob(Message<String> message) {
    if (taken >= 2 * threads) {
      message.fail(BUSY, node + " is running " + taken + " backtest jobs");
      return;
    }
    SweepJob job;
    try {
      job = SweepJob.fromJson(message.body());
    } catch (IllegalArgumentException e) {
      message.fail(REFUSED, e.getMessage());
      return;
    }
    taken++;
    workers.executeBlocking(() -> SweepJob.write(job.run(node)), false).onComplete(done -> {
      taken--;
      if (done.succeeded()) {
        message.reply(done.result());
      } else {
        Throwable cause = done.cause();
        LOG.warning(() -> "backtest: job " + job.sweepId() + "#" + (job.index() + 1) + " failed: " + cause);
        message.fail(REFUSED, job.parameters().label() + ": " + cause.getMessage());
      }
    });
  }

  @Override
  public Future<?> stop() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
