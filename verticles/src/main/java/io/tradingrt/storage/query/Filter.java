package io.tradingrt.storage.query;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from an {@link OrderQuery}, with its parameters in order. */
final class Filter {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  static Filter of(OrderQuery q) {
    Filter filter = new Filter();
    if (q.symbol() != null) {
      filter.and("symbol = ?", q.symbol());
    }
    if (q.strategy() != null) {
      filter.and("strategy = ?", q.strategy());
    }
    if (q.status() != null) {
      filter.and("status = ?", q.status());
    }
    if (q.fromMicros() > 0) {
      filter.and("ts >= make_timestamp(?)", q.fromMicros());
    }
    if (q.toMicros() < Long.MAX_VALUE) {
      filter.and("ts < make_timestamp(?)", q.toMicros());
    }
    return filter;
  }

  Filter and(String condition, Object param) {
    conditions.add(condition);
    params.add(param);
    return this;
  }

  String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  Object[] withPaging(OrderQuery q) {
    List<Object> all = new ArrayList<>(params);
    all.add(q.limit());
    all.add(q.offset());
    return all.toArray();
  }
}
