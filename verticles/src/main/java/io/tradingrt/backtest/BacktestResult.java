package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.TradingState;

import java.util.List;
import java.util.Map;

/**
 * Everything one run produced, all of it a function of the inputs (no wall-clock figure is in here; timing is the
 * caller's): ticks read, order flow counts, the fills in order with their hash, figures for the whole account, each
 * strategy and each symbol, and the account's curve.
 */
public record BacktestResult(String source, long ticks, long skippedLines, long firstMicros, long lastMicros,
                             long bars, long ordersSent, Map<OrderStatus, Long> orderEvents,
                             Map<ReasonCode, Long> denials, long stateChanges, TradingState finalState,
                             List<Fill> fills, String fillsHash, Figures total, List<Figures> strategies,
                             List<Figures> symbols, Curve curve) {
}
