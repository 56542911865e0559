package io.tradingrt.figures;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tick-to-trade recorder: an end time minus the start time of the tick that caused it, clamped to [0, 1 h], with
 * HdrHistogram's percentiles at 3 significant digits. The metrics role owns one per figure:
 * <ul>
 *   <li><b>feed-to-fill</b>: a fill's arrival minus the <em>planned</em> (or venue) time of its tick, so a stalled
 *   feed or a pause shows up as latency;</li>
 *   <li><b>in-runtime</b>: the order reaching the broker minus the moment its tick entered the runtime
 *   ({@code ingest-micros}), what the runtime itself adds.</li>
 * </ul>
 * The live snapshot (dashboard, {@code /api/metrics/current}), Prometheus and {@code /api/metrics/execution} all read
 * these two. Single-threaded: one verticle owns them.
 */
public final class TickToTrade {
  /** Latencies above an hour are clamped: they are outages, not measurements. */
  public static final long MAX_LATENCY_MICROS = 3_600_000_000L;
  /** The live percentiles cover the current and the previous window, so a quiet moment does not freeze the chart. */
  public static final long LIVE_WINDOW_MICROS = 10_000_000;
  /** Windows asked for by time ({@link #since}) see at most this many of the latest fills. */
  public static final int RECENT_SAMPLES = 100_000;

  /** Count and percentiles in µs; all zero when nothing was measured. */
  public record Summary(long count, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {
    static Summary of(Histogram h) {
      return new Summary(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
          h.getValueAtPercentile(99), h.getTotalCount() == 0 ? 0 : h.getMaxValue());
    }

    public Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("count", count);
      out.put("p50Micros", p50Micros);
      out.put("p90Micros", p90Micros);
      out.put("p99Micros", p99Micros);
      out.put("maxMicros", maxMicros);
      return out;
    }
  }

  /** One bar of a histogram: the values in (the previous bar's bound, {@code upToMicros}]. */
  public record Bucket(long upToMicros, long count) {
  }

  /** Count, percentiles and maximum in µs, and counts in log-spaced buckets (1, 2, 5, 10, 20, 50 … µs). */
  public record Distribution(long count, long p50, long p99, long p999, long max, List<Bucket> buckets) {
  }

  private final Histogram sinceStart = histogram();
  private Histogram window = histogram();
  private Histogram previousWindow = histogram();
  private long windowStart;
  private final long[] recentAt = new long[RECENT_SAMPLES];
  private final long[] recentLatency = new long[RECENT_SAMPLES];
  private int recentNext;
  private int recentSize;

  public TickToTrade(long nowMicros) {
    this.windowStart = nowMicros;
  }

  /** The definition: end minus the causing tick's start time, clamped; -1 when the start is unknown (≤ 0). */
  public static long latencyMicros(long arrivalMicros, long tickMicros) {
    if (tickMicros <= 0) {
      return -1;
    }
    return Math.min(Math.max(0, arrivalMicros - tickMicros), MAX_LATENCY_MICROS);
  }

  /**
   * Records a measurement that ended at {@code arrivalMicros} (a fill's arrival, an order reaching the broker).
   *
   * @return the latency in µs, or -1 when it cannot be measured
   */
  public long record(long arrivalMicros, long tickMicros) {
    long latency = latencyMicros(arrivalMicros, tickMicros);
    if (latency < 0) {
      return -1;
    }
    roll(arrivalMicros);
    window.recordValue(latency);
    sinceStart.recordValue(latency);
    recentAt[recentNext] = arrivalMicros;
    recentLatency[recentNext] = latency;
    recentNext = (recentNext + 1) % RECENT_SAMPLES;
    recentSize = Math.min(recentSize + 1, RECENT_SAMPLES);
    return latency;
  }

  /** The live figure: the current and the previous {@link #LIVE_WINDOW_MICROS}. */
  public Summary live(long nowMicros) {
    roll(nowMicros);
    Histogram recent = window.copy();
    recent.add(previousWindow);
    return Summary.of(recent);
  }

  public Summary sinceStart() {
    return Summary.of(sinceStart);
  }

  /** Fills that arrived at or after {@code fromMicros}, among the latest {@link #RECENT_SAMPLES}. */
  public Summary since(long fromMicros) {
    Histogram h = histogram();
    for (int i = 0; i < recentSize; i++) {
      int index = Math.floorMod(recentNext - 1 - i, RECENT_SAMPLES);
      if (recentAt[index] < fromMicros) {
        break;
      }
      h.recordValue(recentLatency[index]);
    }
    return Summary.of(h);
  }

  /**
   * Everything measured since start: percentiles, and buckets on the 1-2-5 series from 1 µs up to the first bound at
   * or above the maximum (at least 1 ms), so the chart's axis ends where the data does.
   */
  public Distribution distribution() {
    Histogram h = sinceStart;
    long max = h.getTotalCount() == 0 ? 0 : h.getMaxValue();
    List<Bucket> buckets = new ArrayList<>();
    long previous = -1;
    for (long decade = 1; previous < Math.max(max, 1_000) && decade <= MAX_LATENCY_MICROS; decade *= 10) {
      for (long step : new long[] {1, 2, 5}) {
        long bound = decade * step;
        if (previous >= Math.max(max, 1_000)) {
          break;
        }
        buckets.add(new Bucket(bound, h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues(previous + 1, bound)));
        previous = bound;
      }
    }
    return new Distribution(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), max, buckets);
  }

  private void roll(long now) {
    if (now - windowStart < LIVE_WINDOW_MICROS) {
      return;
    }
    Histogram reuse = previousWindow;
    previousWindow = window;
    reuse.reset();
    if (now - windowStart >= 2 * LIVE_WINDOW_MICROS) {
      // nothing was measured in the last full window either: forget it
      previousWindow.reset();
    }
    window = reuse;
    windowStart = now;
  }

  private static Histogram histogram() {
    return new Histogram(MAX_LATENCY_MICROS, 3);
  }
}
