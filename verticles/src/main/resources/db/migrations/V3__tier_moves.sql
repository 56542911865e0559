-- Journal of moves of old rows to Parquet. A move's files are visible in the all_* views only once its state is
-- DONE, and DONE is set in the same transaction that deletes the moved rows: see docs/storage.md.
CREATE TABLE tier_moves (
  move_id     BIGINT    PRIMARY KEY,
  table_name  VARCHAR   NOT NULL,
  range_from  TIMESTAMP NOT NULL,
  range_to    TIMESTAMP NOT NULL,
  state       VARCHAR   NOT NULL,
  row_count   BIGINT,
  checksum    VARCHAR,
  started_at  TIMESTAMP NOT NULL,
  finished_at TIMESTAMP
);

-- Until a tier holds files these views are the tables alone; TierManager replaces them with the union.
CREATE VIEW all_market_ticks AS SELECT ts, symbol, bid, ask, bid_size, ask_size, last, last_size, seq FROM market_ticks;
CREATE VIEW all_ohlcv_bars AS
SELECT symbol, timeframe, ts, open, high, low, close, volume, vwap, trade_count FROM ohlcv_bars;
