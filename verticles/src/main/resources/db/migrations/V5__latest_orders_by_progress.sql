-- An order's latest state is its most advanced one, not the row that reached the writer last: durable writes are
-- retried independently, so an ACCEPTED can be committed after its FILLED. Order states only move forward —
-- a terminal state is final and the filled quantity never falls — so rank by terminal, then filled quantity,
-- then the state's place in the lifecycle, then arrival.
CREATE OR REPLACE VIEW latest_orders AS
SELECT *
FROM orders
QUALIFY row_number() OVER (
  PARTITION BY client_order_id
  ORDER BY status IN ('DENIED', 'REJECTED', 'FILLED', 'CANCELED', 'EXPIRED') DESC,
           filled_quantity DESC,
           CASE status WHEN 'INITIALIZED' THEN 0 WHEN 'SUBMITTED' THEN 1 WHEN 'ACCEPTED' THEN 2
                       WHEN 'PENDING_CANCEL' THEN 3 WHEN 'PARTIALLY_FILLED' THEN 4 ELSE 5 END DESC,
           event_seq DESC) = 1;
