package io.tradingrt.launcher;

import io.tradingrt.backtest.BacktestResult;
import io.tradingrt.config.RuntimeSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up at start drives the configured order path (orders, fills) on its own instances, and only where trading. */
class OrderPathWarmupTest {

  @Test
  void theWarmUpSendsOrdersAndFillsThroughTheConfiguredCores() {
    BacktestResult result = OrderPathWarmup.run(RuntimeSettings.defaults(), 100_000);
    assertNotNull(result);
    assertEquals(100_000, result.ticks());
    assertTrue(result.fills().size() > 100, "the order path ran: " + result.fills().size() + " fills");
  }

  @Test
  void aNodeThatDoesNotTradeDoesNotWarmUp() {
    RuntimeSettings storageOnly = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("storage", "http"))), Map.of());
    assertNull(OrderPathWarmup.startIfTrading(storageOnly));
    RuntimeSettings noStrategies = RuntimeConfig.load(new JsonObject().put("strategies", new JsonArray()), Map.of());
    assertNull(OrderPathWarmup.startIfTrading(noStrategies));
  }
}
