package io.tradingrt.backtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep job and its outcome survive the wire unchanged, and a sweep over the bus ranks as the local one does. */
@ExtendWith(VertxExtension.class)
class SweepJobTest {

  @Test
  void aJobAndItsOutcomeReadBackEqualToWhatWasSent(@TempDir Path dir) throws Exception {
    TickData data = new TickData("csv", Recordings.csv(dir.resolve("t.csv"), 30_000, 10_000).toString(),
        new TickRange(Recordings.START, Long.MAX_VALUE, Set.of("AAPL", "AMZN", "MSFT")));
    SweepGrid.ParameterSet set = SweepGrid.parse("{\"momentum\": {\"fast\": 3}, \"meanrev\": {\"entryZ\": \"1.2\"}}")
        .get(0);
    SweepJob job = new SweepJob("s1", 4, "backtest.run.result.s1", BacktestEngineTest.defaults(), set, data);
    assertEquals(job, SweepJob.fromJson(job.toJson()), "spec, set and data come back equal");

    SweepJob.Outcome outcome = SweepJob.fromJson(job.toJson()).run("node-a");
    assertTrue(outcome.result().fills().size() > 20, "the set trades: " + outcome.result().fills().size());
    SweepJob.Outcome read = SweepJob.outcome(SweepJob.write(outcome));
    assertEquals(outcome.result(), read.result(), "figures, fills, counts and curve come back equal");
    assertEquals(ReportJson.report(outcome.result()), ReportJson.report(read.result()));
    assertEquals("node-a", read.node());
    BacktestResult here = BacktestEngineTest.run(job.spec().withStrategies(set.apply(job.spec().strategies())),
        data.open());
    assertEquals(here, read.result(), "the job's run is the run of the same set here");
    assertThrows(IllegalArgumentException.class, () -> SweepJob.fromJson("{\"sweepId\": 3}"));
  }

  @Test
  void aSweepOverTheBusRunsOnEveryConsumerAndRanksAsTheLocalSweep(Vertx vertx, @TempDir Path dir) throws Exception {
    TickData data = new TickData("csv", Recordings.csv(dir.resolve("t.csv"), 20_000, 10_000).toString(),
        new TickRange(Long.MIN_VALUE, Long.MAX_VALUE, Set.of()));
    for (String node : List.of("a", "b")) {
      vertx.deployVerticle(new SweepJobVerticle(node, 1), new DeploymentOptions()).await(10, TimeUnit.SECONDS);
    }
    List<SweepGrid.ParameterSet> sets = SweepGrid.parse("{\"momentum\": {\"fast\": [2, 3, 4], \"slow\": [8, 16]}}");
    BacktestSpec spec = BacktestEngineTest.defaults();
    List<Sweep.Run> bus = new ClusterSweepRunner(vertx, data, 3, 30_000, 2).run(spec, sets, data::open,
        (d, of, t) -> { });
    List<Sweep.Run> local = new LocalSweepRunner(2).run(spec, sets, data::open, (d, of, t) -> { });
    assertEquals(local.stream().map(Sweep.Run::index).toList(), bus.stream().map(Sweep.Run::index).toList(),
        "the same ranking");
    for (int i = 0; i < local.size(); i++) {
      assertEquals(local.get(i).result(), bus.get(i).result(), "rank " + (i + 1));
    }
    assertEquals(Set.of("a", "b"), Set.copyOf(bus.stream().map(Sweep.Run::node).toList()), "both consumers ran sets");

    List<SweepGrid.ParameterSet> bad = SweepGrid.parse("[{\"nobody\": {\"fast\": 2}}]");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new ClusterSweepRunner(vertx, data, 3, 30_000, 2).run(spec, bad, data::open, (d, of, t) -> { }));
    assertTrue(refused.getMessage().contains("no strategy is named 'nobody'"), refused.getMessage());
  }
}
