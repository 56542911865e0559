package io.tradingrt.execution;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole trading flow in one Vert.x: simulated feed → both strategies → risk → paper broker → portfolio. */
@ExtendWith(VertxExtension.class)
class TradingFlowTest {

  @Test
  void bothStrategiesTradeThroughRiskToAConsistentPortfolioAndNothingFillsAfterTheKillSwitch(Vertx vertx)
      throws Exception {
    RuntimeSettings config = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("portfolio", "execution", "risk", "signal", "ingest")))
        .put("persist", false)
        .put("ingest", new JsonObject().put("ticksPerSecond", 4000).put("volatilityBps", 20)
            .put("symbols", new JsonArray(List.of("AAPL", "MSFT", "AMZN", "TSLA"))))
        .put("strategies", new JsonArray()
            .add(new JsonObject().put("name", "momo").put("type", "ma-crossover")
                .put("symbols", new JsonArray(List.of("AAPL", "MSFT"))).put("fast", 3).put("slow", 8)
                .put("quantity", "5"))
            .add(new JsonObject().put("name", "revert").put("type", "mean-reversion")
                .put("symbols", new JsonArray(List.of("AMZN", "TSLA"))).put("window", 20).put("entryZ", "1")
                .put("exitZ", "0.2").put("quantity", "5")))
        .put("portfolio", new JsonObject().put("snapshotIntervalMs", 100)), Map.of());

    List<Fill> fills = new CopyOnWriteArrayList<>();
    List<String> fillCorrelations = new CopyOnWriteArrayList<>();
    List<OrderEvent> events = new CopyOnWriteArrayList<>();
    List<PortfolioSnapshot> snapshots = new CopyOnWriteArrayList<>();
    var bus = vertx.eventBus();
    bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> {
      fills.add(m.body());
      fillCorrelations.add(m.headers().get(Headers.CORRELATION_ID) + "|" + m.headers().get(Headers.TICK_MICROS));
    });
    bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> events.add(m.body()));
    bus.<PortfolioSnapshot>consumer(Addresses.PORTFOLIO_UPDATES, m -> snapshots.add(m.body()));
    vertx.deployVerticle(new RuntimeVerticle(config)).await(30, TimeUnit.SECONDS);

    awaitTrue(() -> fills.stream().anyMatch(f -> f.strategy().equals("momo"))
        && fills.stream().anyMatch(f -> f.strategy().equals("revert")), 30, "fills from both strategies");

    for (String correlation : fillCorrelations) {
      assertTrue(correlation.matches("[A-Z]+:\\d+\\|\\d+"), "headers travel from tick to fill: " + correlation);
    }
    int seen = snapshots.size();
    awaitTrue(() -> snapshots.size() > seen + 2, 10, "portfolio snapshots keep coming");
    for (PortfolioSnapshot s : snapshots) {
      assertEquals(s.equity(), s.cash().plus(s.positions().stream().map(p -> p.quantity().times(p.lastPrice()))
          .reduce(io.tradingrt.codecs.Fixed.ZERO, io.tradingrt.codecs.Fixed::plus)), "equity = cash + marked positions");
      assertEquals(s.equity(), io.tradingrt.codecs.Fixed.of(1_000_000).plus(s.realizedPnl()).plus(s.unrealizedPnl())
          .minus(s.fees()), "equity = initial cash + realized + unrealized - fees");
    }
    PortfolioSnapshot last = snapshots.get(snapshots.size() - 1);
    assertTrue(last.fees().isPositive(), "fills paid fees");

    RiskStateChange halted = bus.<RiskStateChange>request(Addresses.RISK_CONTROL,
        new RiskControl(ControlCommand.KILL, "test kill switch", MicrosClock.SYSTEM.nowMicros()))
        .await(10, TimeUnit.SECONDS).body();
    long haltedAt = MicrosClock.SYSTEM.nowMicros();
    assertEquals(TradingState.HALTED, halted.to());

    awaitTrue(() -> events.stream().anyMatch(e -> e.status() == OrderStatus.DENIED
        && e.reasonCode() == ReasonCode.TRADING_HALTED && e.tsMicros() > haltedAt), 30,
        "strategies keep signalling and risk denies them as TRADING_HALTED");
    Thread.sleep(500);
    List<Fill> late = fills.stream().filter(f -> f.tsMicros() > haltedAt).toList();
    assertTrue(late.isEmpty(), "no fill after the kill switch: " + late);
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }
}
