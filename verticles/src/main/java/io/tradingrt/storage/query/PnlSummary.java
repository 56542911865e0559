package io.tradingrt.storage.query;

import io.tradingrt.codecs.Fixed;

import java.util.List;

/** Realized/unrealized P&L from positions with fees, fill counts and traded notional from trades. */
public record PnlSummary(Fixed realizedPnl, Fixed unrealizedPnl, Fixed fees, Fixed netPnl, long fills,
                         Fixed tradedNotional, List<SymbolPnl> bySymbol) {

  /** netPnl = realized + unrealized − fees. */
  public record SymbolPnl(String symbol, Fixed quantity, Fixed realizedPnl, Fixed unrealizedPnl, Fixed fees,
                          Fixed netPnl, long fills, Fixed tradedNotional) {
  }

  public PnlSummary {
    bySymbol = List.copyOf(bySymbol);
  }
}
