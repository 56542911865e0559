package io.tradingrt.backtest;

import io.tradingrt.config.StrategySettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {

  @Test
  void aGridIsEveryCombinationAndAListIsItsEntries() {
    List<SweepGrid.ParameterSet> grid = SweepGrid.parse("{\"momentum\": {\"fast\": [3, 5], \"slow\": [20, 30, 40]},"
        + " \"meanrev\": {\"entryZ\": \"2\"}}");
    assertEquals(6, grid.size());
    assertEquals("momentum.fast=3 momentum.slow=20 meanrev.entryZ=2", grid.get(0).label());
    assertEquals("momentum.fast=5 momentum.slow=40 meanrev.entryZ=2", grid.get(5).label());
    assertEquals(6, grid.stream().map(SweepGrid.ParameterSet::label).distinct().count(), "no combination twice");
    List<SweepGrid.ParameterSet> list = SweepGrid.parse("[{\"momentum\": {\"fast\": 2}}, {\"meanrev\": "
        + "{\"window\": 50}}]");
    assertEquals(2, list.size());
    List<StrategySettings> applied = list.get(1).apply(BacktestEngineTest.defaults().strategies());
    assertEquals(50, applied.stream().filter(s -> s instanceof StrategySettings.MeanReversion)
        .map(s -> ((StrategySettings.MeanReversion) s).window()).findFirst().orElseThrow());
  }

  @Test
  void badSweepsAreRefusedWithTheirReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepGrid.parse("{\"momentum\": {\"window\": [3]}}")
        .get(0).apply(BacktestEngineTest.defaults().strategies())).getMessage().contains("has no key 'window'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepGrid.parse("{\"nobody\": {\"fast\": 3}}")
        .get(0).apply(BacktestEngineTest.defaults().strategies())).getMessage().contains("no strategy is named"));
    assertThrows(IllegalArgumentException.class, () -> SweepGrid.parse("[]"));
    assertThrows(IllegalArgumentException.class, () -> SweepGrid.parse("{\"momentum\": {\"fast\": "
        + "[1,2,3,4,5,6,7,8,9,10]}, \"meanrev\": {\"window\": [1,2,3,4,5,6,7,8,9,10], "
        + "\"entryZ\": [1,2,3,4,5,6,7,8,9,10], \"exitZ\": [1,2,3,4,5,6,7,8,9,10,11]}}"));
  }

  @Test
  void parallelRunsEqualTheSameRunsOneByOneAndAreRanked() throws Exception {
    BacktestSpec spec = BacktestEngineTest.defaults();
    List<SweepGrid.ParameterSet> sets = SweepGrid.parse("{\"momentum\": {\"fast\": [2, 4], \"slow\": [10, 25]}}");
    List<Sweep.Run> parallel = Sweep.run(spec, sets, () -> BacktestEngineTest.generated(30_000, 10_000), 2,
        (done, of, ticks) -> { });
    assertEquals(4, parallel.size());
    for (Sweep.Run run : parallel) {
      BacktestResult alone = BacktestEngineTest.run(spec.withStrategies(run.parameters().apply(spec.strategies())),
          BacktestEngineTest.generated(30_000, 10_000));
      assertEquals(ReportJson.report(alone), ReportJson.report(run.result()), run.parameters().label());
    }
    for (int i = 1; i < parallel.size(); i++) {
      assertTrue(Sweep.RANKING.compare(parallel.get(i - 1), parallel.get(i)) < 0, "ranked");
    }
  }
}
