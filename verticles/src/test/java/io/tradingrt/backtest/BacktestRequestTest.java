package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.ConfigLoader;
import io.tradingrt.config.StrategySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What POST /api/backtests accepts, and the sentence it refuses the rest with. */
class BacktestRequestTest {
  private static final BacktestSpec CONFIGURED = BacktestSpec.of(ConfigLoader.load(Map.of(), Map.of()));

  private static BacktestRequest parse(String json, Path root) {
    return BacktestRequest.parse(json, CONFIGURED, root);
  }

  private static String refused(String json, Path root) {
    return assertThrows(BacktestRequest.Refused.class, () -> parse(json, root), json).getMessage();
  }

  @Test
  void anEmptyRequestIsTheConfiguredStrategiesOverEveryStoredTick(@TempDir Path root) {
    for (String empty : new String[] {"", "{}"}) {
      BacktestRequest request = parse(empty, root);
      assertEquals(CONFIGURED.strategies(), request.spec().strategies());
      assertEquals(TickRange.ALL, request.range());
      assertEquals("db", request.source().kind());
      assertNull(request.sweep());
      assertEquals(CONFIGURED.initialCash(), request.spec().initialCash());
    }
  }

  @Test
  void namesOverridesAndWholeDefinitionsMakeTheStrategies(@TempDir Path root) {
    BacktestRequest request = parse("{\"from\": \"2024-01-02\", \"to\": 1704240000000000, \"symbols\": [\"AAPL\"], "
        + "\"initialCash\": \"50000.5\", \"latencyMicros\": 2000, \"strategies\": [\"meanrev\", {\"name\": "
        + "\"momentum\", \"fast\": 3, \"symbols\": [\"AAPL\"]}, {\"name\": \"fresh\", \"type\": \"ma-crossover\", "
        + "\"symbols\": [\"TSLA\"], \"fast\": 2, \"slow\": 9, \"quantity\": \"1\"}]}", root);
    assertEquals(1_704_153_600_000_000L, request.range().fromMicros());
    assertEquals(1_704_240_000_000_000L, request.range().toMicros());
    assertEquals(java.util.Set.of("AAPL"), request.range().symbols());
    assertEquals(Fixed.of("50000.5"), request.spec().initialCash());
    assertEquals(2000, request.spec().execution().latencyMicros());
    assertEquals(CONFIGURED.strategies().get(1), request.spec().strategies().get(0));
    StrategySettings.MaCrossover momentum = (StrategySettings.MaCrossover) request.spec().strategies().get(1);
    assertEquals(3, momentum.fast());
    assertEquals(20, momentum.slow(), "what the override does not name stays as configured");
    assertEquals(java.util.List.of("AAPL"), momentum.symbols());
    assertEquals(new StrategySettings.MaCrossover("fresh", java.util.List.of("TSLA"), 2, 9, Fixed.of(1)),
        request.spec().strategies().get(2));
  }

  @Test
  void aSweepIsCheckedSetBySet(@TempDir Path root) {
    assertEquals(4, parse("{\"sweep\": {\"momentum\": {\"fast\": [3, 5], \"slow\": [20, 40]}}}", root).sweep().size());
    assertTrue(refused("{\"sweep\": {\"momentum\": {\"fast\": [3, 30]}}}", root).contains("fast 30"),
        "fast=30 is not below slow=20");
    assertTrue(refused("{\"sweep\": {\"momentum\": {\"fast\": [" + "1,".repeat(300) + "1]}}}", root)
        .contains("more than the 256"));
  }

  @Test
  void hostileValuesAreRefusedWithASentence(@TempDir Path root) {
    assertTrue(refused("{\"bogus\": 1}", root).contains("unknown key 'bogus'"));
    assertTrue(refused("[1]", root).contains("JSON object"));
    assertTrue(refused("{\"from\": \"2024-01-03\", \"to\": \"2024-01-02\"}", root).contains("before"));
    assertTrue(refused("{\"from\": \"tomorrow\"}", root).contains("'from' must be a date"));
    assertTrue(refused("{\"initialCash\": \"2000000000\"}", root).contains("initialCash"));
    assertTrue(refused("{\"latencyMicros\": -1}", root).contains("latencyMicros"));
    assertTrue(refused("{\"strategies\": [\"ghost\"]}", root).contains("no configured strategy is named 'ghost'"));
    assertTrue(refused("{\"strategies\": [{\"name\": \"momentum\", \"fats\": 3}]}", root).contains("fats"));
    assertTrue(refused("{\"strategies\": [{\"name\": \"momentum\", \"slow\": 200000}]}", root)
        .contains("at most 100000"));
    assertTrue(refused("{\"symbols\": [\"a b\"]}", root).contains("symbols"));
    assertTrue(refused("{\"strategies\": [\"momentum\", \"momentum\"]}", root).contains("two strategies"));
  }

  @Test
  void filesMustLieInTheDataDirectory(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("backtest-data"));
    Files.writeString(root.resolve("ok.csv"), "ts,symbol\n");
    Files.writeString(dir.resolve("secret.csv"), "x\n");
    Files.createSymbolicLink(root.resolve("link.csv"), dir.resolve("secret.csv"));
    assertEquals(root.resolve("ok.csv"), parse("{\"source\": {\"kind\": \"csv\", \"path\": \"ok.csv\"}}", root)
        .source().path());
    assertTrue(parse("{\"source\": {\"kind\": \"parquet\", \"path\": \"part-*.parquet\"}}", root).source().path()
        .endsWith("part-*.parquet"));
    for (String path : new String[] {"../secret.csv", "/etc/passwd", "./ok.csv", "a//ok.csv", "*.csv"}) {
      refused("{\"source\": {\"kind\": \"csv\", \"path\": \"" + path + "\"}}", root);
    }
    assertTrue(refused("{\"source\": {\"kind\": \"csv\", \"path\": \"link.csv\"}}", root).contains("leads out"));
    assertTrue(refused("{\"source\": {\"kind\": \"csv\", \"path\": \"none.csv\"}}", root).contains("no csv file"));
    assertTrue(refused("{\"source\": {\"kind\": \"db\", \"path\": \"x\"}}", root).contains("no 'path'"));
    refused("{\"source\": {\"kind\": \"parquet\", \"path\": \"*/x.parquet\"}}", root);
  }
}
