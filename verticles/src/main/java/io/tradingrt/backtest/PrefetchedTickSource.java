package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads another source on a thread of its own, a bounded number of batches ahead, so that parsing a file or a
 * database cursor overlaps with the cores on a second core. The ticks and their order are the wrapped source's, so
 * a run's result does not change; memory stays bounded ({@code batches × BATCH} ticks in flight). A failure of the
 * reader is thrown from {@link #next()} as it was thrown, after the ticks read before it.
 */
public final class PrefetchedTickSource implements TickSource {
  static final int BATCH = 4_096;
  private static final Tick[] END = new Tick[0];

  private final TickSource source;
  private final BlockingQueue<Tick[]> batches;
  private final Thread reader;
  private volatile RuntimeException failure;
  private volatile boolean closed;
  private Tick[] current = new Tick[0];
  private int index;

  public PrefetchedTickSource(TickSource source, int batches) {
    if (batches < 1) {
      throw new IllegalArgumentException("at least one batch ahead, got " + batches);
    }
    this.source = source;
    this.batches = new ArrayBlockingQueue<>(batches);
    this.reader = new Thread(this::read, "backtest-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    while (!closed) {
      Tick[] batch = new Tick[BATCH];
      int n = 0;
      try {
        Tick tick;
        while (n < BATCH && (tick = source.next()) != null) {
          batch[n++] = tick;
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      if (n > 0 && !put(n == BATCH ? batch : Arrays.copyOf(batch, n))) {
        return;
      }
      if (n < BATCH || failure != null) {
        break;
      }
    }
    put(END);
  }

  /** False when the source was closed while the queue was full. */
  private boolean put(Tick[] batch) {
    try {
      while (!closed) {
        if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Tick next() {
    while (index == current.length) {
      if (current == END) {
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      try {
        current = batches.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for ticks from " + source.describe(), e);
      }
      index = 0;
    }
    return current[index++];
  }

  @Override
  public String describe() {
    return source.describe();
  }

  /** Exact once the reader has finished; the wrapped source counts as it reads. */
  @Override
  public long skipped() {
    return source.skipped();
  }

  /** Stops the reader between two batches (never inside the wrapped source's read), then closes the source. */
  @Override
  public void close() {
    closed = true;
    batches.clear();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
