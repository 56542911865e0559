-- Money and sizes are DECIMAL(18,8): the exact Fixed scale, appended raw by the appender.
-- Timestamps are TIMESTAMP (microseconds, UTC by convention). No PARTITION BY (not DuckDB) and no secondary
-- indexes: ART indexes cost ~25 % of append speed and DuckDB prunes time-ordered data by zone maps.
-- Keys exist only where they buy idempotency on rare rows (orders, trades, positions).

CREATE TABLE market_ticks (
  ts        TIMESTAMP     NOT NULL,
  symbol    VARCHAR       NOT NULL,
  bid       DECIMAL(18,8) NOT NULL,
  ask       DECIMAL(18,8) NOT NULL,
  bid_size  DECIMAL(18,8) NOT NULL,
  ask_size  DECIMAL(18,8) NOT NULL,
  last      DECIMAL(18,8) NOT NULL,
  last_size DECIMAL(18,8) NOT NULL,
  seq       BIGINT        NOT NULL
);

CREATE TABLE ohlcv_bars (
  symbol      VARCHAR       NOT NULL,
  timeframe   VARCHAR       NOT NULL,
  ts          TIMESTAMP     NOT NULL,
  open        DECIMAL(18,8) NOT NULL,
  high        DECIMAL(18,8) NOT NULL,
  low         DECIMAL(18,8) NOT NULL,
  close       DECIMAL(18,8) NOT NULL,
  volume      DECIMAL(18,8) NOT NULL,
  vwap        DECIMAL(18,8) NOT NULL,
  trade_count BIGINT        NOT NULL
);

-- One row per order state change; the key makes a redelivered event a no-op.
CREATE TABLE orders (
  event_seq       BIGINT        NOT NULL,
  client_order_id VARCHAR       NOT NULL,
  strategy        VARCHAR       NOT NULL,
  symbol          VARCHAR       NOT NULL,
  side            VARCHAR       NOT NULL,
  order_type      VARCHAR       NOT NULL,
  status          VARCHAR       NOT NULL,
  quantity        DECIMAL(18,8) NOT NULL,
  limit_price     DECIMAL(18,8),
  filled_quantity DECIMAL(18,8) NOT NULL,
  avg_fill_price  DECIMAL(18,8) NOT NULL,
  reason_code     VARCHAR,
  message         VARCHAR,
  ts              TIMESTAMP     NOT NULL,
  PRIMARY KEY (client_order_id, status, filled_quantity, ts)
);

CREATE TABLE trades (
  fill_id         VARCHAR       PRIMARY KEY,
  client_order_id VARCHAR       NOT NULL,
  strategy        VARCHAR       NOT NULL,
  symbol          VARCHAR       NOT NULL,
  side            VARCHAR       NOT NULL,
  quantity        DECIMAL(18,8) NOT NULL,
  price           DECIMAL(18,8) NOT NULL,
  fee             DECIMAL(18,8) NOT NULL,
  ts              TIMESTAMP     NOT NULL
);

-- Latest state per symbol, upserted.
CREATE TABLE positions (
  symbol         VARCHAR       PRIMARY KEY,
  quantity       DECIMAL(18,8) NOT NULL,
  avg_price      DECIMAL(18,8) NOT NULL,
  realized_pnl   DECIMAL(18,8) NOT NULL,
  unrealized_pnl DECIMAL(18,8) NOT NULL,
  last_price     DECIMAL(18,8) NOT NULL,
  ts             TIMESTAMP     NOT NULL
);

CREATE TABLE portfolio_snapshots (
  ts             TIMESTAMP     NOT NULL,
  cash           DECIMAL(18,8) NOT NULL,
  equity         DECIMAL(18,8) NOT NULL,
  realized_pnl   DECIMAL(18,8) NOT NULL,
  unrealized_pnl DECIMAL(18,8) NOT NULL,
  fees           DECIMAL(18,8) NOT NULL,
  gross_exposure DECIMAL(18,8) NOT NULL,
  net_exposure   DECIMAL(18,8) NOT NULL,
  peak_equity    DECIMAL(18,8) NOT NULL,
  drawdown       DECIMAL(18,8) NOT NULL,
  position_count INTEGER       NOT NULL
);

CREATE TABLE system_metrics (
  ts                      TIMESTAMP     NOT NULL,
  ticks_total             BIGINT        NOT NULL,
  ticks_per_second        BIGINT        NOT NULL,
  signals_total           BIGINT        NOT NULL,
  orders_total            BIGINT        NOT NULL,
  orders_denied           BIGINT        NOT NULL,
  fills_total             BIGINT        NOT NULL,
  equity                  DECIMAL(18,8) NOT NULL,
  realized_pnl            DECIMAL(18,8) NOT NULL,
  unrealized_pnl          DECIMAL(18,8) NOT NULL,
  drawdown                DECIMAL(18,8) NOT NULL,
  trading_state           VARCHAR       NOT NULL,
  tick_to_trade_p50_micros BIGINT       NOT NULL,
  tick_to_trade_p99_micros BIGINT       NOT NULL,
  writer_queue_depth      BIGINT        NOT NULL,
  writer_dropped          BIGINT        NOT NULL,
  heap_used_bytes         BIGINT        NOT NULL,
  heap_max_bytes          BIGINT        NOT NULL,
  cpu_permille            INTEGER       NOT NULL
);

CREATE TABLE application_logs (
  ts      TIMESTAMP NOT NULL,
  level   VARCHAR   NOT NULL,
  logger  VARCHAR   NOT NULL,
  thread  VARCHAR,
  message VARCHAR   NOT NULL,
  error   VARCHAR
);

CREATE VIEW current_positions AS
SELECT symbol, quantity, avg_price, realized_pnl, unrealized_pnl, last_price,
       CAST(quantity AS DECIMAL(38,8)) * last_price AS market_value, ts
FROM positions
WHERE quantity <> 0;
