-- The latest state of every order (the orders table keeps every state change).
CREATE VIEW latest_orders AS
SELECT *
FROM orders
QUALIFY row_number() OVER (PARTITION BY client_order_id ORDER BY event_seq DESC) = 1;
