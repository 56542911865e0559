package io.tradingrt.ingest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses one CSV line of the replay format {@code ts,symbol,bid,ask,bid_size,ask_size,last,last_size[,seq]}.
 * {@code ts} is an ISO-8601 instant ({@code 2024-01-02T14:30:00.123456Z}) or epoch microseconds; prices are decimals
 * with at most 8 fractional digits; {@code seq} defaults to the line number.
 */
public final class CsvTickParser {

  public static final String HEADER = "ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq";

  private CsvTickParser() {
  }

  /** Thrown for a line that does not follow the format; the message says which field and why. */
  public static final class MalformedLineException extends Exception {
    MalformedLineException(String message) {
      super(message, null, false, false);
    }
  }

  public static boolean isHeaderOrComment(String line) {
    String trimmed = line.trim();
    return trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("ts,");
  }

  public static Tick parse(String line, long lineNumber) throws MalformedLineException {
    String[] f = line.split(",", -1);
    if (f.length != 8 && f.length != 9) {
      throw new MalformedLineException("expected 8 or 9 fields (" + HEADER + "), found " + f.length);
    }
    long ts = timestamp(f[0].trim());
    String symbol = f[1].trim();
    if (symbol.isEmpty()) {
      throw new MalformedLineException("symbol is empty");
    }
    Fixed bid = decimal("bid", f[2]);
    Fixed ask = decimal("ask", f[3]);
    Fixed bidSize = decimal("bid_size", f[4]);
    Fixed askSize = decimal("ask_size", f[5]);
    Fixed last = decimal("last", f[6]);
    Fixed lastSize = decimal("last_size", f[7]);
    if (!bid.isPositive() || !ask.isPositive() || !last.isPositive()) {
      throw new MalformedLineException("prices must be positive");
    }
    if (bid.greaterThan(ask)) {
      throw new MalformedLineException("bid " + bid + " is above ask " + ask);
    }
    if (bidSize.isNegative() || askSize.isNegative() || lastSize.isNegative()) {
      throw new MalformedLineException("sizes must not be negative");
    }
    long seq = lineNumber;
    if (f.length == 9 && !f[8].isBlank()) {
      try {
        seq = Long.parseLong(f[8].trim());
      } catch (NumberFormatException e) {
        throw new MalformedLineException("seq is not a whole number: '" + f[8].trim() + "'");
      }
    }
    return new Tick(symbol, ts, bid, ask, bidSize, askSize, last, lastSize, seq);
  }

  private static long timestamp(String text) throws MalformedLineException {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new MalformedLineException("ts is out of range for epoch microseconds: '" + text + "'");
      }
    }
    try {
      Instant instant = Instant.parse(text);
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new MalformedLineException("ts is neither an ISO-8601 instant nor epoch microseconds: '" + text + "'");
    }
  }

  private static Fixed decimal(String field, String text) throws MalformedLineException {
    try {
      return Fixed.of(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedLineException(field + ": " + e.getMessage());
    }
  }
}
