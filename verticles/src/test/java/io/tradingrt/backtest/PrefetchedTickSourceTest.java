package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading ahead on a second thread changes neither the ticks, their order, a failure, nor a run's result. */
@Timeout(60)
class PrefetchedTickSourceTest {

  @Test
  void theSameTicksInTheSameOrderAcrossWholeAndPartialBatches() {
    long count = PrefetchedTickSource.BATCH * 3L + 17;
    List<Tick> direct = drain(BacktestEngineTest.generated(count, 1_000));
    List<Tick> ahead = drain(new PrefetchedTickSource(BacktestEngineTest.generated(count, 1_000), 2));
    assertEquals(count, direct.size());
    assertEquals(direct, ahead);
    assertEquals(List.of(), drain(new PrefetchedTickSource(BacktestEngineTest.generated(0, 1_000), 1)));
  }

  @Test
  void aBacktestGivesTheSameReportAndFillsWithTheReaderAhead() {
    BacktestResult direct = BacktestEngineTest.run(BacktestEngineTest.defaults(),
        BacktestEngineTest.generated(100_000, 10_000));
    BacktestResult ahead = BacktestEngineTest.run(BacktestEngineTest.defaults(),
        new PrefetchedTickSource(BacktestEngineTest.generated(100_000, 10_000), 4));
    assertTrue(direct.fills().size() > 10, direct.fills().size() + " fills");
    assertEquals(direct.fillsHash(), ahead.fillsHash());
    assertEquals(ReportJson.report(direct), ReportJson.report(ahead));
  }

  @Test
  void aReaderFailureIsThrownAfterTheTicksReadBeforeIt() {
    IllegalStateException broken = new IllegalStateException("disk gone");
    TickSource failing = new Scripted(PrefetchedTickSource.BATCH + 5, broken);
    try (PrefetchedTickSource source = new PrefetchedTickSource(failing, 2)) {
      for (int i = 0; i < PrefetchedTickSource.BATCH + 5; i++) {
        assertEquals(i, source.next().seq());
      }
      assertSame(broken, assertThrows(IllegalStateException.class, source::next));
    }
  }

  @Test
  void closingEarlyStopsTheReaderAndClosesTheSource() {
    Scripted endless = new Scripted(Long.MAX_VALUE, null);
    PrefetchedTickSource source = new PrefetchedTickSource(endless, 1);
    assertEquals(0, source.next().seq());
    source.close();
    assertTrue(endless.closed.get(), "the wrapped source is closed");
  }

  private static List<Tick> drain(TickSource source) {
    List<Tick> ticks = new ArrayList<>();
    try (source) {
      Tick tick;
      while ((tick = source.next()) != null) {
        ticks.add(tick);
      }
      assertNull(source.next(), "the end stays the end");
    }
    return ticks;
  }

  /** {@code count} ticks numbered by seq, then the failure (or the end). */
  private static final class Scripted implements TickSource {
    private final long count;
    private final RuntimeException failure;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Tick> template = drain(BacktestEngineTest.generated(1, 1_000));
    private long produced;

    Scripted(long count, RuntimeException failure) {
      this.count = count;
      this.failure = failure;
    }

    @Override
    public Tick next() {
      if (produced == count) {
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      Tick t = template.get(0);
      return new Tick(t.symbol(), t.tsMicros() + produced, t.bid(), t.ask(), t.bidSize(), t.askSize(), t.last(),
          t.lastSize(), produced++);
    }

    @Override
    public String describe() {
      return "scripted";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
