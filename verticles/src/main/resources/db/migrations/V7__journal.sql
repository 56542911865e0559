-- The journal a restart rebuilds the trading cores from (docs/recovery.md).
-- Orders carry what a working order needs to go on working after a restart: its time in force and what is left.
-- New columns go last, in the same order on the tables and their stages, so INSERT … SELECT * keeps matching.
ALTER TABLE orders ADD COLUMN time_in_force VARCHAR;
ALTER TABLE orders ADD COLUMN remaining_quantity DECIMAL(18,8);
ALTER TABLE orders_stage ADD COLUMN time_in_force VARCHAR;
ALTER TABLE orders_stage ADD COLUMN remaining_quantity DECIMAL(18,8);
UPDATE orders SET time_in_force = 'DAY', remaining_quantity = quantity - filled_quantity;

-- Fills are folded in the order the writer committed them: fill_seq rises with every new fill.
ALTER TABLE trades ADD COLUMN fill_seq BIGINT;
ALTER TABLE trades_stage ADD COLUMN fill_seq BIGINT;
UPDATE trades SET fill_seq = numbered.n
FROM (SELECT fill_id, row_number() OVER (ORDER BY ts, fill_id) AS n FROM trades) AS numbered
WHERE trades.fill_id = numbered.fill_id;

-- Every other fact the trading state depends on: runs, operator commands (who and why), trading-state changes and
-- day rolls. One row per entry id, so a redelivered entry is stored once; entry_seq gives the commit order.
CREATE TABLE trading_journal (
  entry_seq   BIGINT        NOT NULL,
  entry_id    VARCHAR       PRIMARY KEY,
  kind        VARCHAR       NOT NULL,  -- RUN_START, CONTROL, STATE_CHANGE, DAY_ROLL
  command     VARCHAR,                 -- HALT, REDUCE, RESUME, KILL
  actor       VARCHAR,                 -- who sent a command
  state_from  VARCHAR,
  state_to    VARCHAR,
  reason_code VARCHAR,
  message     VARCHAR       NOT NULL,
  amount      DECIMAL(18,8),           -- RUN_START: the run number; DAY_ROLL: the daily-loss baseline equity
  ts          TIMESTAMP     NOT NULL
);

-- Orders that can still fill (no terminal event), each at its latest state (ranked as latest_orders ranks, V5),
-- with the sequence of its first event: a rebuild resumes them in submission order, the broker's queue priority.
-- Finding the few open orders first keeps the ranking off the millions of finished ones.
CREATE VIEW working_orders AS
WITH open AS (
  SELECT client_order_id, min(event_seq) AS first_seq
  FROM orders
  GROUP BY client_order_id
  HAVING NOT bool_or(status IN ('DENIED', 'REJECTED', 'FILLED', 'CANCELED', 'EXPIRED'))
)
SELECT orders.*, open.first_seq
FROM orders JOIN open USING (client_order_id)
QUALIFY row_number() OVER (
  PARTITION BY client_order_id
  ORDER BY filled_quantity DESC,
           CASE status WHEN 'INITIALIZED' THEN 0 WHEN 'SUBMITTED' THEN 1 WHEN 'ACCEPTED' THEN 2
                       WHEN 'PENDING_CANCEL' THEN 3 WHEN 'PARTIALLY_FILLED' THEN 4 ELSE 5 END DESC,
           event_seq DESC) = 1;
