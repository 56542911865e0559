package io.tradingrt.storage.query;

/**
 * Filters for orders and trades; null means "any". Time is [fromMicros, toMicros). Paging: {@code afterSeq} (keyset,
 * orders only) or {@code offset}, at most {@code limit} rows.
 */
public record OrderQuery(String symbol, String strategy, String status, long fromMicros, long toMicros,
                         long afterSeq, int offset, int limit) {

  public static final int MAX_LIMIT = 10_000;

  public OrderQuery {
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ": " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (toMicros <= 0) {
      toMicros = Long.MAX_VALUE;
    }
  }

  public static OrderQuery all(int limit) {
    return new OrderQuery(null, null, null, 0, Long.MAX_VALUE, 0, 0, limit);
  }

  public OrderQuery withSymbol(String value) {
    return new OrderQuery(value, strategy, status, fromMicros, toMicros, afterSeq, offset, limit);
  }

  public OrderQuery withStatus(String value) {
    return new OrderQuery(symbol, strategy, value, fromMicros, toMicros, afterSeq, offset, limit);
  }

  public OrderQuery withRange(long from, long to) {
    return new OrderQuery(symbol, strategy, status, from, to, afterSeq, offset, limit);
  }

  public OrderQuery after(long seq) {
    return new OrderQuery(symbol, strategy, status, fromMicros, toMicros, seq, offset, limit);
  }

  public OrderQuery withOffset(int value) {
    return new OrderQuery(symbol, strategy, status, fromMicros, toMicros, afterSeq, value, limit);
  }
}
