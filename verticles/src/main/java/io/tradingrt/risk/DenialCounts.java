package io.tradingrt.risk;

import io.tradingrt.codecs.ReasonCode;

import java.util.EnumMap;
import java.util.Map;

/**
 * Denials by reason code since start and over the last minute, the latter in one-second buckets so that counting
 * costs the same at any denial rate. Single-threaded, like the engine that owns it.
 */
final class DenialCounts {
  static final int WINDOW_SECONDS = 60;
  private static final long SECOND_MICROS = 1_000_000;

  private final Map<ReasonCode, Long> sinceStart = new EnumMap<>(ReasonCode.class);
  private final long[] bucketSecond = new long[WINDOW_SECONDS];
  @SuppressWarnings("unchecked")
  private final Map<ReasonCode, Long>[] buckets = new Map[WINDOW_SECONDS];

  DenialCounts() {
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      buckets[i] = new EnumMap<>(ReasonCode.class);
      bucketSecond[i] = Long.MIN_VALUE;
    }
  }

  void record(ReasonCode reason, long nowMicros) {
    sinceStart.merge(reason, 1L, Long::sum);
    long second = Math.floorDiv(nowMicros, SECOND_MICROS);
    int index = (int) Math.floorMod(second, WINDOW_SECONDS);
    if (bucketSecond[index] != second) {
      bucketSecond[index] = second;
      buckets[index].clear();
    }
    buckets[index].merge(reason, 1L, Long::sum);
  }

  /** Denials in the {@value #WINDOW_SECONDS} seconds up to and including the one holding {@code nowMicros}. */
  Map<ReasonCode, Long> lastMinute(long nowMicros) {
    long second = Math.floorDiv(nowMicros, SECOND_MICROS);
    Map<ReasonCode, Long> out = new EnumMap<>(ReasonCode.class);
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      if (bucketSecond[i] > second - WINDOW_SECONDS && bucketSecond[i] <= second) {
        buckets[i].forEach((reason, count) -> out.merge(reason, count, Long::sum));
      }
    }
    return out;
  }

  Map<ReasonCode, Long> sinceStart() {
    return new EnumMap<>(sinceStart);
  }
}
