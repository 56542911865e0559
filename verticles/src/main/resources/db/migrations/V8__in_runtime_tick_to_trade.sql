-- The second tick-to-trade figure (docs/benchmarks.md): in-runtime, from the tick entering the runtime to its order
-- reaching the broker; the existing tick_to_trade_* columns are feed-to-fill. NULL on rows written before V8.
ALTER TABLE system_metrics ADD COLUMN in_runtime_p50_micros BIGINT;
ALTER TABLE system_metrics ADD COLUMN in_runtime_p99_micros BIGINT;
