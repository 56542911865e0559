package io.tradingrt.flow;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.TickBatch;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backpressure on {@link Addresses#MD_TICKS} inside one JVM. A publish has no flow control and each delivery is a task
 * on the consumer's event loop, so a feed faster than its slowest consumer grows those queues without bound. Every
 * local consumer of md.ticks registers a lane here and counts the batches it has handled; the feed asks how far the
 * slowest lane is behind what it published and holds back (drops, or waits for a recording) beyond a bound.
 * Consumers on other cluster nodes are not counted. One flow per Vert.x instance.
 */
public final class TickFlow {
  private static final Map<Vertx, TickFlow> FLOWS = new WeakHashMap<>();

  private final AtomicLong published = new AtomicLong();
  private final AtomicLong droppedTicks = new AtomicLong();
  private final CopyOnWriteArrayList<Lane> lanes = new CopyOnWriteArrayList<>();

  /** One consumer's progress: batches handled, starting from what was published when it joined. */
  public final class Lane {
    private final String name;
    private final AtomicLong handled;

    private Lane(String name) {
      this.name = name;
      this.handled = new AtomicLong(published.get());
    }

    public void handled() {
      handled.incrementAndGet();
    }

    public long behind() {
      return Math.max(0, published.get() - handled.get());
    }

    public String name() {
      return name;
    }

    public void close() {
      lanes.remove(this);
    }
  }

  /** The flow of one Vert.x instance (tests run several in one JVM), shared by its feed and its consumers. */
  public static TickFlow of(Vertx vertx) {
    synchronized (FLOWS) {
      return FLOWS.computeIfAbsent(vertx, v -> new TickFlow());
    }
  }

  /** Registers a consumer of md.ticks whose progress the feed waits for; its lane closes when it is unregistered. */
  public static MessageConsumer<TickBatch> consumer(Vertx vertx, String name, Handler<Message<TickBatch>> handler) {
    Lane lane = of(vertx).lane(name);
    MessageConsumer<TickBatch> consumer = vertx.eventBus().consumer(Addresses.MD_TICKS, message -> {
      try {
        handler.handle(message);
      } finally {
        lane.handled();
      }
    });
    consumer.endHandler(v -> lane.close());
    return consumer;
  }

  public int lanes() {
    return lanes.size();
  }

  public Lane lane(String name) {
    Lane lane = new Lane(name);
    lanes.add(lane);
    return lane;
  }

  public void published() {
    published.incrementAndGet();
  }

  /** Batches the slowest local consumer has still to handle. */
  public long behind() {
    long worst = 0;
    for (Lane lane : lanes) {
      worst = Math.max(worst, lane.behind());
    }
    return worst;
  }

  /** The slowest lane's name, for the log line that says who holds the feed back. */
  public String slowest() {
    Lane worst = null;
    for (Lane lane : lanes) {
      if (worst == null || lane.behind() > worst.behind()) {
        worst = lane;
      }
    }
    return worst == null ? "none" : worst.name();
  }

  public void dropped(long ticks) {
    droppedTicks.addAndGet(ticks);
  }

  /** Ticks the feed did not send because consumers were behind: counted, never silent. */
  public long droppedTicks() {
    return droppedTicks.get();
  }
}
