package io.tradingrt.http;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.figures.OrderCounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries behind {@code /api/metrics/market-data|strategy|execution}, computed from the hot rings with the one
 * definition of each figure ({@link OrderCounts}; tick-to-trade comes from the metrics role). Plain maps with decimals
 * as strings, the same convention as the contract's JSON.
 */
final class Figures {

  private Figures() {
  }

  /** Quote, spread and tick rate of one symbol from its recent ticks (newest first). */
  static Map<String, Object> marketData(String symbol, List<Tick> newestFirst, long nowMicros) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("symbol", symbol);
    out.put("ticksBuffered", newestFirst.size());
    out.put("ticksLastSecond", newestFirst.stream().filter(t -> t.tsMicros() >= nowMicros - 1_000_000).count());
    if (newestFirst.isEmpty()) {
      return out;
    }
    Tick last = newestFirst.get(0);
    Fixed spread = last.ask().minus(last.bid());
    Fixed mid = last.mid();
    out.put("bid", last.bid().toString());
    out.put("ask", last.ask().toString());
    out.put("mid", mid.toString());
    out.put("last", last.last().toString());
    out.put("spread", spread.toString());
    out.put("spreadBps", mid.isZero() ? 0 : spread.toBigDecimal().multiply(BigDecimal.valueOf(10_000))
        .divide(mid.toBigDecimal(), 2, RoundingMode.HALF_EVEN).toPlainString());
    out.put("high", newestFirst.stream().map(Tick::last).max(Fixed::compareTo).orElseThrow().toString());
    out.put("low", newestFirst.stream().map(Tick::last).min(Fixed::compareTo).orElseThrow().toString());
    out.put("lastTickMicros", last.tsMicros());
    out.put("lastSeq", last.seq());
    return out;
  }

  /**
   * Orders, denials and fills over the events since {@code fromMicros}, with the tick-to-trade summary of the same
   * window as the metrics role's one recorder answered it.
   */
  static Map<String, Object> execution(List<OrderEvent> events, List<Fill> fills, long fromMicros,
                                       Map<String, Object> tickToTrade) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fromMicros", fromMicros);
    out.putAll(OrderCounts.of(events).toMap());
    out.putAll(fillTotals(fills));
    out.put("tickToTrade", tickToTrade);
    return out;
  }

  /** One strategy's signals, orders and fills since {@code fromMicros}. */
  static Map<String, Object> strategy(String name, List<Signal> signals, List<OrderEvent> events, List<Fill> fills,
                                      long fromMicros) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("strategy", name);
    out.put("fromMicros", fromMicros);
    out.put("signals", signals.size());
    if (!signals.isEmpty()) {
      Signal last = signals.get(0);
      out.put("lastSignal", Map.of("symbol", last.symbol(), "side", last.side().name(), "reason", last.reason(),
          "tsMicros", last.tsMicros()));
    }
    out.putAll(OrderCounts.of(events).toMap());
    out.putAll(fillTotals(fills));
    return out;
  }

  private static Map<String, Object> fillTotals(List<Fill> fills) {
    Fixed quantity = Fixed.ZERO;
    Fixed notional = Fixed.ZERO;
    Fixed fees = Fixed.ZERO;
    for (Fill fill : fills) {
      quantity = quantity.plus(fill.quantity());
      notional = notional.plus(fill.notional());
      fees = fees.plus(fill.fee());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fills", fills.size());
    out.put("filledQuantity", quantity.toString());
    out.put("filledNotional", notional.toString());
    out.put("fees", fees.toString());
    return out;
  }
}
