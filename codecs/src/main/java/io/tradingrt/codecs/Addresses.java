package io.tradingrt.codecs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every event-bus address of the runtime, with the record type it carries. Conf, docs, dashboard and bridges use these names. */
public final class Addresses {

  /** Market data: {@link TickBatch}, published by the ingest verticle. */
  public static final String MD_TICKS = "md.ticks";
  /** {@link TickBatch} of the latest quote of each symbol that changed, {@code metrics.quotesPerSecond} times a second: for browsers and bridges. */
  public static final String MD_QUOTES = "md.quotes";
  /** Completed bars: {@link Bar}, published by the bar aggregator. */
  public static final String MD_BARS = "md.bars";
  /** Strategy intents: {@link Signal}, published by signal verticles. */
  public static final String SIGNALS = "signals";
  /** {@link OrderRequest} sent (request/reply) to the risk verticle; the reply is a {@link RiskDecision}. */
  public static final String ORDERS_SUBMIT = "orders.submit";
  /** {@link OrderRequest} approved by risk, sent to the execution verticle. */
  public static final String EXEC_SUBMIT = "exec.submit";
  /** Client order id (String) to cancel, sent to the execution verticle. */
  public static final String EXEC_CANCEL = "exec.cancel";
  /** Cancel every working order (request/reply, the reply is the number canceled); the kill switch uses it. */
  public static final String EXEC_CANCEL_ALL = "exec.cancel-all";
  /** {@link OrderEvent}: every order state change, including denials. */
  public static final String EXEC_EVENTS = "exec.events";
  /** {@link Fill}: every execution. */
  public static final String EXEC_FILLS = "exec.fills";
  /** {@link PortfolioSnapshot} at the configured rate. */
  public static final String PORTFOLIO_UPDATES = "portfolio.updates";
  /**
   * P&L per strategy as JSON {tsMicros, strategies:[{strategy, realizedPnl, unrealizedPnl, fees, netPnl, trades,
   * closes, wins, winRate}], total:{…}}, published by the portfolio role at most every 250 ms when it changed.
   */
  public static final String PORTFOLIO_STRATEGIES = "portfolio.strategies";
  /** The same JSON as {@link #PORTFOLIO_STRATEGIES}, now (request/reply, any body), answered by the portfolio role. */
  public static final String PORTFOLIO_STRATEGY_PNL = "portfolio.strategy-pnl";
  /**
   * P&L per UTC day (request/reply, JsonObject {days}; the reply is JSON {days:[{date, startMicros, realizedPnl, fees,
   * netPnl, trades}]}, oldest first), answered by the portfolio role from its fold of the journal.
   */
  public static final String PORTFOLIO_DAILY_PNL = "portfolio.daily-pnl";
  /** {@link RiskStateChange}: trading state transitions. */
  public static final String RISK_STATE = "risk.state";
  /** {@link RiskControl}: halt, reduce, resume, kill (request/reply; the reply is a {@link RiskStateChange}). */
  public static final String RISK_CONTROL = "risk.control";
  /**
   * {@link RiskControl} from the runtime itself, never from a bridge: a FIX venue's reconciliation found a difference
   * it cannot explain, so risk halts (or reduces) with {@link ReasonCode#RECONCILIATION_MISMATCH} (request/reply; the
   * reply is a {@link RiskStateChange}).
   */
  public static final String RISK_RECONCILIATION = "risk.reconciliation";
  /**
   * Every configured limit with its usage, the trading state and denials by reason, as JSON (docs/trading.md), published
   * by the risk role once a second.
   */
  public static final String RISK_LIMITS = "risk.limits";
  /** The same JSON as {@link #RISK_LIMITS}, now (request/reply, any body), answered by the risk role. */
  public static final String RISK_LIMIT_USAGE = "risk.limit-usage";
  /**
   * Flatten one symbol (request/reply, JsonObject {symbol}): risk sends a reduce-only market order against the whole
   * position through its checks; the reply is the {@link RiskDecision}, or a failure 409 when there is no position.
   */
  public static final String RISK_FLATTEN = "risk.flatten";
  /**
   * Recent application log records as JSON {items:[{tsMicros, level, logger, message}]}, oldest first, published by
   * each HTTP role (its own process's records) at most every 250 ms when there are new ones.
   */
  public static final String LOGS_TAIL = "logs.tail";
  /** {@link MetricsSnapshot} at 10 Hz. */
  public static final String METRICS_LIVE = "metrics.live";
  /**
   * Tick-to-trade latency of the fills since a time (request/reply: epoch µs as a Long; the reply is JSON {count,
   * p50Micros, p90Micros, p99Micros, maxMicros}), answered by the metrics role, which holds the one recorder.
   */
  public static final String METRICS_TICK_TO_TRADE = "metrics.tick-to-trade";
  /**
   * The tick-to-trade histograms since start (request/reply, any body; the reply is JSON {inRuntime, feedToFill}, each
   * {count, p50, p99, p999, max, buckets:[{upToMicros, count}]} in µs), answered by the metrics role.
   */
  public static final String METRICS_LATENCY = "metrics.latency";
  /** Prefix of the storage reader's request/reply queries ({@code storage.query.latest-ticks} …). */
  public static final String STORAGE_QUERY_PREFIX = "storage.query.";
  /** Storage queries: request a JsonObject of parameters, reply JSON. */
  public static final String QUERY_LATEST_TICKS = STORAGE_QUERY_PREFIX + "latest-ticks";
  public static final String QUERY_BARS = STORAGE_QUERY_PREFIX + "bars";
  public static final String QUERY_ORDERS = STORAGE_QUERY_PREFIX + "orders";
  public static final String QUERY_TRADES = STORAGE_QUERY_PREFIX + "trades";
  public static final String QUERY_POSITIONS = STORAGE_QUERY_PREFIX + "positions";
  public static final String QUERY_PNL = STORAGE_QUERY_PREFIX + "pnl";
  public static final String QUERY_METRICS = STORAGE_QUERY_PREFIX + "metrics";
  public static final String QUERY_STATS = STORAGE_QUERY_PREFIX + "stats";
  public static final String QUERY_VWAP = STORAGE_QUERY_PREFIX + "vwap";
  /** Durable writes (request/reply, acknowledged after COMMIT; retried by the producer, idempotent by id). */
  public static final String STORAGE_ORDER_EVENTS = "storage.order-events";
  public static final String STORAGE_FILLS = "storage.fills";
  public static final String STORAGE_POSITIONS = "storage.positions";
  /** {@link JournalEntry}: control commands, trading-state changes and day rolls, durable like order events. */
  public static final String STORAGE_JOURNAL_ENTRIES = "storage.journal-entries";
  /**
   * The journal for a rebuild (request/reply, any body; the reply is a {@link JournalImage} read in one transaction).
   * Each trading role asks once at start, before it consumes anything.
   */
  public static final String STORAGE_JOURNAL = "storage.journal";
  /** The recovery report of this start (request/reply, any body; the reply is JSON), answered by the risk role. */
  public static final String RISK_RECOVERY = "risk.recovery";
  /**
   * This node's view of the cluster (local request/reply, any body; the reply is JSON: members, their eligible roles,
   * who holds each singleton and strategy, with term and since; see docs/cluster.md). Answered on every node.
   */
  public static final String CLUSTER_VIEW = "cluster.view";
  /** Online backup (request/reply, JsonObject {dir}; the reply is the backup manifest). */
  public static final String STORAGE_BACKUP = "storage.backup";
  /** Health of the storage writer (request/reply, JsonObject {ready, queuedRows, droppedRows, rowsCommitted, commits, failedCommits, retries, reopens, quarantined, rejectedRows, lastCommitMicros, lastError, cause}). */
  public static final String STORAGE_HEALTH = "storage.health";
  /** The writer's health as JSON (same fields as {@code storage.health}), published at every ready↔unavailable transition. */
  public static final String STORAGE_STATUS = "storage.status";

  /** Address → the record type it carries, for bridges and docs. */
  public static final Map<String, Class<?>> TYPES = types();

  private Addresses() {
  }

  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put(MD_TICKS, TickBatch.class);
    types.put(MD_QUOTES, TickBatch.class);
    types.put(MD_BARS, Bar.class);
    types.put(SIGNALS, Signal.class);
    types.put(ORDERS_SUBMIT, OrderRequest.class);
    types.put(EXEC_SUBMIT, OrderRequest.class);
    types.put(EXEC_CANCEL, String.class);
    types.put(EXEC_CANCEL_ALL, String.class);
    types.put(EXEC_EVENTS, OrderEvent.class);
    types.put(EXEC_FILLS, Fill.class);
    types.put(PORTFOLIO_UPDATES, PortfolioSnapshot.class);
    types.put(RISK_STATE, RiskStateChange.class);
    types.put(RISK_CONTROL, RiskControl.class);
    types.put(RISK_RECONCILIATION, RiskControl.class);
    types.put(METRICS_LIVE, MetricsSnapshot.class);
    return Map.copyOf(types);
  }
}
