package io.tradingrt.backtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry of the API's runs: bounded concurrency, status and progress, throttled progress, bounded memory. */
class BacktestRunsTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<BacktestRuns.View> published = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private BacktestRuns runs(int maxRunning, int keep) {
    return new BacktestRuns(executor, maxRunning, keep, now::get, 250_000, published::add);
  }

  private static BacktestRuns.View await(BacktestRuns runs, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runs.get(id).orElseThrow().status() == BacktestRuns.Status.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return runs.get(id).orElseThrow();
  }

  @Test
  void aRunGoesFromRunningToDoneWithItsReportAndOneMoreStartIsRefusedMeanwhile() throws Exception {
    BacktestRuns runs = runs(1, 10);
    CountDownLatch release = new CountDownLatch(1);
    BacktestRuns.View started = runs.start("run", 1, (id, tracker) -> {
      tracker.ticks(50, 200);
      release.await();
      return "{\"ticks\": 200}";
    });
    assertEquals(BacktestRuns.Status.RUNNING, started.status());
    assertThrows(BacktestRuns.Busy.class, () -> runs.start("run", 1, (id, t) -> "{}"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runs.get(started.runId()).orElseThrow().ticks() != 50 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(0.25, runs.get(started.runId()).orElseThrow().progress());
    release.countDown();
    BacktestRuns.View done = await(runs, started.runId());
    assertEquals(BacktestRuns.Status.DONE, done.status());
    assertEquals(1.0, done.progress());
    assertEquals("{\"ticks\": 200}", done.report());
    assertEquals(0, runs.running());
    assertEquals(BacktestRuns.Status.DONE, published.get(published.size() - 1).status(), "the end is published");
    CountDownLatch second = new CountDownLatch(1);
    assertEquals(BacktestRuns.Status.RUNNING, runs.start("run", 1, (id, t) -> {
      second.await();
      return "{}";
    }).status(), "free again");
    second.countDown();
  }

  @Test
  void aFailingJobIsFailedWithItsMessage() throws Exception {
    BacktestRuns runs = runs(1, 10);
    String id = runs.start("run", 1, (runId, tracker) -> {
      throw new IllegalStateException("no ticks in csv:x for this range\nsecond line");
    }).runId();
    BacktestRuns.View failed = await(runs, id);
    assertEquals(BacktestRuns.Status.FAILED, failed.status());
    assertEquals("no ticks in csv:x for this range", failed.message());
    assertEquals(0, runs.running());
  }

  @Test
  void progressIsPublishedAtMostEveryIntervalAndAtEachStatusChange() throws Exception {
    BacktestRuns runs = runs(1, 10);
    String id = runs.start("run", 1, (runId, tracker) -> {
      for (int i = 1; i <= 100; i++) {
        tracker.ticks(i, 100);
        now.addAndGet(10_000); // 10 ms of wall time per step: one publish per 25 steps
      }
      return "{}";
    }).runId();
    await(runs, id);
    long progressMessages = published.stream().filter(v -> v.status() == BacktestRuns.Status.RUNNING).count();
    assertTrue(progressMessages >= 4 && progressMessages <= 6, "start + ~4 throttled: " + progressMessages);
    assertEquals(BacktestRuns.Status.DONE, published.get(published.size() - 1).status());
  }

  @Test
  void theListIsNewestFirstAndKeepsOnlyTheLatestFinishedRuns() throws Exception {
    BacktestRuns runs = runs(2, 3);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      now.addAndGet(1);
      String id = runs.start("run", 1, (runId, tracker) -> "{}").runId();
      await(runs, id);
      ids.add(id);
    }
    assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2)), runs.list().stream().map(BacktestRuns.View::runId)
        .toList());
    assertTrue(runs.get(ids.get(0)).isEmpty(), "the oldest finished runs are forgotten (the database keeps them)");
  }

  @Test
  void idsAreUniqueWithinOneMicrosecond() {
    BacktestRuns runs = runs(2, 10);
    CountDownLatch never = new CountDownLatch(1);
    String a = runs.start("run", 1, (id, t) -> { never.await(); return "{}"; }).runId();
    String b = runs.start("run", 1, (id, t) -> { never.await(); return "{}"; }).runId();
    assertTrue(!a.equals(b) && a.startsWith("bt-") && b.startsWith("bt-"), a + " " + b);
  }
}
