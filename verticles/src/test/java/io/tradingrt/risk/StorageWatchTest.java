package io.tradingrt.risk;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StorageSettings;
import io.tradingrt.storage.StorageWriterVerticle;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The risk role against a real storage writer that dies and comes back: no message says so, the health poll must
 * notice. Orders are refused with STORAGE_UNAVAILABLE meanwhile, and an operator's HALT during the outage survives
 * the recovery.
 */
@ExtendWith(VertxExtension.class)
class StorageWatchTest {
  private final AtomicInteger ids = new AtomicInteger();

  @Test
  void aWriterThatStopsAnsweringStopsTradingAndItsReturnNeverLiftsAHalt(Vertx vertx, @TempDir Path dir)
      throws Exception {
    ContractCodecs.register(vertx);
    RuntimeSettings defaults = RuntimeSettings.defaults();
    StorageSettings storage = defaults.storage().forFile(dir.resolve("w.duckdb"));
    DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
    String writer = vertx.deployVerticle(() -> new StorageWriterVerticle(storage), worker)
        .await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(new RiskVerticle(defaults.risk(), defaults.instruments(), List.of("AAPL"),
        defaults.initialCash(), true)).await(30, TimeUnit.SECONDS);
    List<RiskStateChange> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<RiskStateChange>consumer(Addresses.RISK_STATE, m -> changes.add(m.body()));
    vertx.eventBus().publish(Addresses.MD_TICKS, new TickBatch(List.of(TestData.tick("AAPL")
        .quote(TestData.dec("100"), TestData.dec("100.02")).at(MicrosClock.SYSTEM.nowMicros()).build())));

    assertTrue(submit(vertx).approved(), "approved while the writer answers");

    vertx.undeploy(writer).await(30, TimeUnit.SECONDS);
    RiskDecision refused = awaitDecision(vertx, d -> !d.approved());
    assertEquals(ReasonCode.STORAGE_UNAVAILABLE, refused.reason(), refused.message());
    assertEquals(TradingState.REDUCING, refused.state());
    assertTrue(changes.stream().anyMatch(c -> c.cause() == ReasonCode.STORAGE_UNAVAILABLE), changes.toString());

    vertx.eventBus().request(Addresses.RISK_CONTROL, new RiskControl(ControlCommand.HALT, "operator", 0))
        .await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(() -> new StorageWriterVerticle(storage), worker).await(30, TimeUnit.SECONDS);
    RiskDecision afterRecovery = awaitDecision(vertx, d -> d.reason() != ReasonCode.STORAGE_UNAVAILABLE);
    assertEquals(ReasonCode.TRADING_HALTED, afterRecovery.reason(), "the operator's HALT stands after recovery");

    vertx.eventBus().request(Addresses.RISK_CONTROL, new RiskControl(ControlCommand.RESUME, "operator", 0))
        .await(10, TimeUnit.SECONDS);
    assertTrue(submit(vertx).approved(), "approved again once resumed");
  }

  private RiskDecision submit(Vertx vertx) throws Exception {
    return vertx.eventBus().<RiskDecision>request(Addresses.ORDERS_SUBMIT,
        TestData.order("w-" + ids.incrementAndGet()).quantity("1").build()).await(10, TimeUnit.SECONDS).body();
  }

  private RiskDecision awaitDecision(Vertx vertx, java.util.function.Predicate<RiskDecision> wanted)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    RiskDecision last = null;
    while (System.nanoTime() < deadline) {
      last = submit(vertx);
      if (wanted.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    fail("no such decision within 10 s; last: " + last);
    return last;
  }
}
