-- Records DuckDB can never store (a value outside DECIMAL(18,8), a constraint): kept here instead of being retried
-- forever, so the writer goes on and an operator can see, fix and re-enter them. One row per record id.
CREATE TABLE dead_letters (
    kind        VARCHAR   NOT NULL,  -- order-event, fill, position
    record_id   VARCHAR   NOT NULL,  -- client order id/status, fill id, symbol@ts
    record_json VARCHAR   NOT NULL,  -- the record as the REST API writes it (ContractJson)
    error       VARCHAR   NOT NULL,  -- DuckDB's message for the record alone
    ts          TIMESTAMP NOT NULL,  -- when it was quarantined
    PRIMARY KEY (kind, record_id)
);
