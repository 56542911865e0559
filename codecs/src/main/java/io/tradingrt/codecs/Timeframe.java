package io.tradingrt.codecs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bar length such as {@code 5s}, {@code 1m}, {@code 1h}, {@code 1d}; buckets are aligned to the epoch. */
public record Timeframe(String label, long micros) {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  public static Timeframe parse(String label) {
    Matcher matcher = FORMAT.matcher(label.trim());
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) <= 0) {
      throw new IllegalArgumentException("timeframe must look like 500ms, 5s, 1m, 1h or 1d: '" + label + "'");
    }
    long unit = switch (matcher.group(2)) {
      case "ms" -> 1_000L;
      case "s" -> 1_000_000L;
      case "m" -> 60_000_000L;
      case "h" -> 3_600_000_000L;
      default -> 86_400_000_000L;
    };
    return new Timeframe(label.trim(), Math.multiplyExact(Long.parseLong(matcher.group(1)), unit));
  }

  /** floor(ts / length) · length, also for timestamps before 1970. */
  public long bucketStart(long tsMicros) {
    return Math.floorDiv(tsMicros, micros) * micros;
  }
}
