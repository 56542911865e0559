package io.tradingrt.storage.tier;

/** A table whose old rows move to Parquet, with the view that spans both tiers. */
public enum TierTable {
  MARKET_TICKS("market_ticks", "all_market_ticks", "ts, symbol, bid, ask, bid_size, ask_size, last, last_size, seq"),
  OHLCV_BARS("ohlcv_bars", "all_ohlcv_bars",
      "symbol, timeframe, ts, open, high, low, close, volume, vwap, trade_count");

  private final String table;
  private final String view;
  private final String columns;

  TierTable(String table, String view, String columns) {
    this.table = table;
    this.view = view;
    this.columns = columns;
  }

  public String table() {
    return table;
  }

  public String view() {
    return view;
  }

  /** Every column, in table order; the Parquet files hold the same columns plus a derived {@code date}. */
  public String columns() {
    return columns;
  }
}
