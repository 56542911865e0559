package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;

import java.util.logging.Logger;

/**
 * The {@code backtest} role: takes the sweep jobs sent to {@link Addresses#BACKTEST_RUN} (a {@link SweepJob} as
 * JSON), answers at once that it took one ({@link SweepJob.Taken}: its name and cluster node id, so the sender knows
 * whose death to watch), runs it on a worker pool of its own (one thread per core), never on an event loop, and
 * sends the {@link SweepJob.Outcome} to the job's result address when the run ends. Any number of nodes may hold the
 * role: the clustered event bus hands each job to one of them in turn. A node takes at most two jobs per thread;
 * past that it answers {@link #BUSY}, and the sender tries again. A job that cannot be read is answered
 * {@link #REFUSED}; a run that fails sends an outcome with its error; neither is tried again elsewhere.
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
  private String nodeId;
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
    var cluster = ((VertxInternal) vertx).clusterManager();
    nodeId = cluster == null ? null : cluster.getNodeId();
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
    message.reply(SweepJob.write(new SweepJob.Taken(node, nodeId)));
    workers.executeBlocking(() -> SweepJob.write(job.run(node)), false).onComplete(done -> {
      taken--;
      String outcome;
      if (done.succeeded()) {
        outcome = done.result();
      } else {
        Throwable cause = done.cause();
        LOG.warning(() -> "backtest: job " + job.sweepId() + "#" + (job.index() + 1) + " failed: " + cause);
        outcome = SweepJob.write(SweepJob.Outcome.failed(job.index(), node, job.parameters().label() + ": "
            + cause.getMessage()));
      }
      vertx.eventBus().send(job.resultAddress(), outcome);
    });
  }

  @Override
  public Future<?> stop() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
