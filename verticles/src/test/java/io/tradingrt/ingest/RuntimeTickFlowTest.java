package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class RuntimeTickFlowTest {

  @Test
  void theDeployedRuntimePublishesPacedTicksAndBars(Vertx vertx, VertxTestContext test) throws Exception {
    RuntimeSettings config = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray().add("ingest").add("bars"))
        .put("ingest", new JsonObject().put("ticksPerSecond", 2000).put("symbols", new JsonArray().add("A").add("B")))
        .put("bars", new JsonObject().put("timeframes", new JsonArray().add("1s"))), Map.of());
    AtomicLong ticks = new AtomicLong();
    Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    long[] firstAt = {0};
    vertx.eventBus().<TickBatch>consumer(Addresses.MD_TICKS, m -> {
      if (firstAt[0] == 0) {
        firstAt[0] = System.nanoTime();
      }
      for (Tick t : m.body().ticks()) {
        test.verify(() -> {
          assertTrue(t.bid().lessThan(t.ask()), t.toString());
          Long previous = lastSeq.put(t.symbol(), t.seq());
          assertTrue(previous == null || previous < t.seq(), "seq rises per feed");
        });
        ticks.incrementAndGet();
      }
    });
    Map<String, Integer> barsPerSymbol = new ConcurrentHashMap<>();
    vertx.eventBus().<Bar>consumer(Addresses.MD_BARS, m -> test.verify(() -> {
      Bar bar = m.body();
      assertTrue(bar.low().compareTo(bar.high()) <= 0 && bar.tradeCount() > 0, bar.toString());
      double seconds = (System.nanoTime() - firstAt[0]) / 1e9;
      // pacing: never more ticks than the rate allows (plus one timer slot)
      assertTrue(ticks.get() <= 2000 * seconds + 2000, ticks.get() + " ticks in " + seconds + " s");
      if (barsPerSymbol.merge(bar.symbol(), 1, Integer::sum) == 2) {
        // the first bar is partial (the feed started mid-second); a whole second at 2000 ticks/s over two
        // alternating symbols holds 1000 ticks of each, because ticks carry their planned send time
        assertTrue(Math.abs(bar.tradeCount() - 1000) <= 1, "ticks in a whole 1s bar: " + bar.tradeCount());
        test.completeNow();
      }
    }));
    vertx.deployVerticle(new RuntimeVerticle(config))
        .onFailure(test::failNow);
    assertTrue(test.awaitCompletion(15, TimeUnit.SECONDS), "a bar within 15 s");
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  @Test
  void anUnknownRoleFailsTheDeploymentWithItsName(Vertx vertx, VertxTestContext test) {
    RuntimeSettings config = RuntimeConfig.load(new JsonObject().put("roles", new JsonArray().add("ingset")), Map.of());
    vertx.deployVerticle(new RuntimeVerticle(config))
        .onComplete(test.failing(e -> test.verify(() -> {
          assertTrue(e.getMessage().contains("unknown role 'ingset'"), e.getMessage());
          test.completeNow();
        })));
  }
}
