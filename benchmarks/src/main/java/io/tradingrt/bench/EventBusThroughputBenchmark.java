package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Local event-bus throughput, publisher verticle → consumer verticle on another event loop, as ingest → strategy.
 * Each invocation publishes a burst and waits until the consumer has seen all of it, so the score is delivered
 * messages (or ticks) per second, not merely enqueued ones. Scores are per tick: compare single ticks with batches.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class EventBusThroughputBenchmark {

  static final int TICKS_PER_INVOCATION = 1_000;
  static final int TICKS_PER_BATCH = 100;
  static final int BATCHES_PER_INVOCATION = 100;
  static final int BATCHED_TICKS_PER_INVOCATION = TICKS_PER_BATCH * BATCHES_PER_INVOCATION;

  private static final String TICK_ADDRESS = "bench.ticks";
  private static final String BATCH_ADDRESS = "bench.tick-batches";

  private Vertx vertx;
  private Publisher publisher;
  private Counter tickCounter;
  private Counter batchCounter;
  private List<Tick> ticks;
  private List<TickBatch> batches;

  @Setup(Level.Trial)
  public void startVertx() {
    vertx = Vertx.vertx();
    ContractCodecs.register(vertx);
    tickCounter = new Counter(TICK_ADDRESS);
    batchCounter = new Counter(BATCH_ADDRESS);
    publisher = new Publisher();
    vertx.deployVerticle(tickCounter).await();
    vertx.deployVerticle(batchCounter).await();
    vertx.deployVerticle(publisher).await();
    ticks = new ArrayList<>();
    for (int i = 0; i < TICKS_PER_INVOCATION; i++) {
      ticks.add(tick(i));
    }
    batches = new ArrayList<>();
    for (int b = 0; b < BATCHES_PER_INVOCATION; b++) {
      List<Tick> batch = new ArrayList<>();
      for (int i = 0; i < TICKS_PER_BATCH; i++) {
        batch.add(tick(b * TICKS_PER_BATCH + i));
      }
      batches.add(new TickBatch(batch));
    }
  }

  @TearDown(Level.Trial)
  public void stopVertx() {
    vertx.close().await();
  }

  /** One Tick per message. */
  @Benchmark
  @OperationsPerInvocation(TICKS_PER_INVOCATION)
  public void singleTicks() throws InterruptedException {
    CountDownLatch consumed = tickCounter.expect(TICKS_PER_INVOCATION);
    publisher.publishAll(TICK_ADDRESS, ticks);
    await(consumed);
  }

  /** 100 Ticks per TickBatch message: the score is still ticks per second. */
  @Benchmark
  @OperationsPerInvocation(BATCHED_TICKS_PER_INVOCATION)
  public void batchedTicks() throws InterruptedException {
    CountDownLatch consumed = batchCounter.expect(BATCHED_TICKS_PER_INVOCATION);
    publisher.publishAll(BATCH_ADDRESS, batches);
    await(consumed);
  }

  private static void await(CountDownLatch consumed) throws InterruptedException {
    if (!consumed.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the consumer did not see the whole burst within 30 s");
    }
  }

  private static Tick tick(int seq) {
    Fixed bid = Fixed.of("64123.45").plus(Fixed.ofRaw(seq * 1_000_000L));
    return new Tick("BTC-USD", 1_767_225_600_000_000L + seq, bid, bid.plus(Fixed.of("0.1")), Fixed.of("1.25"),
        Fixed.of("0.8"), bid, Fixed.of("0.015"), seq);
  }

  /** Publishes from its own event loop, as the ingest verticle does. */
  static final class Publisher extends VerticleBase {
    private Context publishingContext;

    @Override
    public Future<?> start() {
      publishingContext = context;
      return Future.succeededFuture();
    }

    void publishAll(String address, List<?> messages) {
      publishingContext.runOnContext(ignored -> {
        EventBus bus = vertx.eventBus();
        for (Object message : messages) {
          bus.publish(address, message);
        }
      });
    }
  }

  /** Counts ticks on its own event loop and opens a latch when the expected total is reached. */
  static final class Counter extends VerticleBase {
    private final String address;
    private long seen;
    private long checksum;
    private volatile long target;
    private volatile CountDownLatch reached;

    Counter(String address) {
      this.address = address;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().consumer(address, message -> onMessage(message.body())).completion();
    }

    /** Called before a burst is published; the publish happens-after this, so the consumer sees the new target. */
    CountDownLatch expect(int ticks) {
      CountDownLatch latch = new CountDownLatch(1);
      reached = latch;
      target += ticks;
      return latch;
    }

    private void onMessage(Object body) {
      if (body instanceof TickBatch batch) {
        batch.ticks().forEach(this::consume);
      } else {
        consume((Tick) body);
      }
      if (seen == target) {
        reached.countDown();
      }
    }

    private void consume(Tick tick) {
      checksum += tick.seq();
      seen++;
    }
  }
}
