-- Backtest results (docs/backtest.md): one row per run with its headline figures and the whole report as JSON, the
-- run's fills in order, and the whole account's equity curve (bounded: at most 2 × curvePoints points per run).
CREATE TABLE backtest_runs (
  run_id             VARCHAR       PRIMARY KEY,
  sweep_id           VARCHAR,
  created_at         TIMESTAMP     NOT NULL,
  source             VARCHAR       NOT NULL,
  from_ts            TIMESTAMP,
  to_ts              TIMESTAMP,
  ticks              BIGINT        NOT NULL,
  strategies_json    VARCHAR       NOT NULL,
  initial_cash       DECIMAL(18,8) NOT NULL,
  final_equity       DECIMAL(18,8) NOT NULL,
  total_return       DOUBLE,
  annualized_return  DOUBLE,
  sharpe             DOUBLE,
  sortino            DOUBLE,
  max_drawdown       DECIMAL(18,8) NOT NULL,
  max_drawdown_micros BIGINT       NOT NULL,
  fills              BIGINT        NOT NULL,
  fees               DECIMAL(18,8) NOT NULL,
  fills_hash         VARCHAR       NOT NULL,
  wall_millis        BIGINT        NOT NULL,
  report_json        VARCHAR       NOT NULL
);

CREATE TABLE backtest_fills (
  run_id          VARCHAR       NOT NULL,
  fill_seq        BIGINT        NOT NULL,
  fill_id         VARCHAR       NOT NULL,
  client_order_id VARCHAR       NOT NULL,
  strategy        VARCHAR       NOT NULL,
  symbol          VARCHAR       NOT NULL,
  side            VARCHAR       NOT NULL,
  quantity        DECIMAL(18,8) NOT NULL,
  price           DECIMAL(18,8) NOT NULL,
  fee             DECIMAL(18,8) NOT NULL,
  ts              TIMESTAMP     NOT NULL,
  PRIMARY KEY (run_id, fill_seq)
);

CREATE TABLE backtest_equity (
  run_id   VARCHAR       NOT NULL,
  ts       TIMESTAMP     NOT NULL,
  equity   DECIMAL(18,8) NOT NULL,
  drawdown DECIMAL(18,8) NOT NULL,
  PRIMARY KEY (run_id, ts)
);
