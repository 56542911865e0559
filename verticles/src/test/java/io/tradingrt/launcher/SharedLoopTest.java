package io.tradingrt.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order path's roles on one event loop: parts deployed as one {@link SharedLoop} start, handle their messages and
 * stop on one thread, in reverse order, and a request between two parts is answered on the thread that sent it.
 */
class SharedLoopTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A role stand-in: answers on its address with the thread that handled the message, and logs start and stop. */
  private final class Part extends VerticleBase {
    private final String name;

    Part(String name) {
      this.name = name;
    }

    @Override
    public Future<?> start() {
      log.add("start " + name + " on " + Thread.currentThread().getName());
      return vertx.eventBus().<String>consumer("part." + name, m -> m.reply(Thread.currentThread().getName()))
          .completion();
    }

    @Override
    public Future<?> stop() {
      log.add("stop " + name);
      return Future.succeededFuture();
    }
  }

  @Test
  void thePartsShareOneThreadAndStopInReverseOrder() throws Exception {
    SharedLoop loop = new SharedLoop(List.of("portfolio", "risk", "signal", "execution"),
        List.of(new Part("portfolio"), new Part("risk"), new Part("signal"), new Part("execution")));
    String id = vertx.deployVerticle(loop).await(10, TimeUnit.SECONDS);

    String thread = vertx.eventBus().<String>request("part.portfolio", "").await(5, TimeUnit.SECONDS).body();
    assertTrue(thread.startsWith("vert.x-eventloop-thread-"), thread);
    for (String part : List.of("risk", "signal", "execution")) {
      assertEquals(thread, vertx.eventBus().<String>request("part." + part, "").await(5, TimeUnit.SECONDS).body(),
          part + " runs on the loop the others run on");
    }
    assertEquals(4, log.stream().filter(l -> l.endsWith(" on " + thread)).count(), log.toString());
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("stop execution", "stop signal", "stop risk", "stop portfolio"),
        log.stream().filter(l -> l.startsWith("stop ")).toList());
  }

  @Test
  void aRequestFromOnePartToAnotherIsAnsweredOnTheSendersThread() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    VerticleBase sender = new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.eventBus().<String>request("part.risk", "order").map(reply -> {
          seen.add(reply.body());
          seen.add(Thread.currentThread().getName());
          return null;
        });
      }
    };
    vertx.deployVerticle(new SharedLoop(List.of("risk", "signal"), List.of(new Part("risk"), sender)))
        .await(10, TimeUnit.SECONDS);
    assertEquals(2, seen.size());
    assertEquals(seen.get(0), seen.get(1), "risk answered on the thread signal runs on");
  }

  @Test
  void aPartThatFailsToStartFailsTheDeploymentNamingTheRole() {
    VerticleBase broken = new VerticleBase() {
      @Override
      public Future<?> start() {
        return Future.failedFuture("no instruments");
      }
    };
    Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> vertx.deployVerticle(
        new SharedLoop(List.of("portfolio", "risk"), List.of(new Part("portfolio"), broken)))
        .await(10, TimeUnit.SECONDS));
    assertTrue(String.valueOf(failure.getMessage()).contains("role risk failed to start: no instruments"),
        failure.getMessage());
  }
}
