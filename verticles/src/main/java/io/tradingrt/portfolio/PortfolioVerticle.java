package io.tradingrt.portfolio;

import io.tradingrt.book.DayPnl;
import io.tradingrt.book.Portfolio;
import io.tradingrt.book.StrategyAttribution;
import io.tradingrt.book.StrategyPnl;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.PortfolioSettings;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.journal.DurableSender;
import io.tradingrt.journal.JournalFetch;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps the {@link Portfolio} from fills and quotes, publishes a snapshot on {@link Addresses#PORTFOLIO_UPDATES}
 * every {@code snapshotIntervalMs}, persists each changed position, and logs a portfolio line every
 * {@code logIntervalMs}.
 */
public final class PortfolioVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(PortfolioVerticle.class.getName());

  static final long STRATEGIES_INTERVAL_MS = 1_000;
  /** The most days {@code portfolio.daily-pnl} answers: a year and a day. */
  public static final int MAX_DAYS = 366;

  private final PortfolioSettings settings;
  private final StrategyAttribution attribution = new StrategyAttribution();
  private JsonObject lastStrategies;
  private final boolean persist;
  private Portfolio portfolio;
  private DurableSender durable;

  public PortfolioVerticle(PortfolioSettings settings, boolean persist) {
    this.settings = settings;
    this.persist = persist;
  }

  @Override
  public Future<?> start() {
    try {
      portfolio = new Portfolio(settings.initialCash());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("portfolio: invalid initialCash: " + e.getMessage());
    }
    if (persist) {
      durable = new DurableSender(vertx, settings.storageTimeoutMs(), DurableSender.MAX_PENDING);
    }
    Future<JournalImage> journal = persist ? JournalFetch.fetch(vertx, "portfolio", false)
        : Future.succeededFuture(JournalImage.empty(0));
    return journal.compose(this::rebuildAndStart);
  }

  /** The book is rebuilt from the journal before the first fill or quote is consumed. */
  private Future<?> rebuildAndStart(JournalImage journal) {
    // the attribution folds the same fills in the same order, so it is rebuilt exactly as the book is
    portfolio.rebuild(journal.fills(), journal.peakEquity(), attribution::onFill);
    if (!journal.fills().isEmpty()) {
      // a positions row lost with a kill (it follows its fill) is written again from the rebuilt book; a row as new
      // as the book is left as it is, so the risk role's check at start sees it as stored (a differing one halts)
      for (String symbol : lostRows(journal.positions(), portfolio)) {
        persistPosition(symbol);
      }
      log(portfolio.snapshot(MicrosClock.SYSTEM.nowMicros()));
    }
    var bus = vertx.eventBus();
    vertx.setPeriodic(settings.snapshotIntervalMs(),
        id -> bus.publish(Addresses.PORTFOLIO_UPDATES, portfolio.snapshot(MicrosClock.SYSTEM.nowMicros())));
    vertx.setPeriodic(settings.logIntervalMs(), id -> log(portfolio.snapshot(MicrosClock.SYSTEM.nowMicros())));
    vertx.setPeriodic(STRATEGIES_INTERVAL_MS, id -> publishStrategies());
    return Future.all(List.of(
        bus.consumer(Addresses.PORTFOLIO_STRATEGY_PNL, m -> m.reply(strategiesJson())).completion(),
        bus.consumer(Addresses.PORTFOLIO_DAILY_PNL, this::onDailyPnl).completion(),
        bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> onFill(m.body())).completion(),
        TickFlow.consumer(vertx, "portfolio", m -> m.body().ticks().forEach(portfolio::onTick)).completion()));
  }

  /** The symbols whose stored row is missing or older than the rebuilt position: rows a kill lost. */
  static List<String> lostRows(List<Position> stored, Portfolio rebuilt) {
    Map<String, Long> storedAt = new HashMap<>();
    stored.forEach(row -> storedAt.put(row.symbol(), row.tsMicros()));
    return rebuilt.symbols().stream().filter(symbol -> rebuilt.position(symbol)
        .filter(p -> !storedAt.containsKey(symbol) || storedAt.get(symbol) < p.tsMicros()).isPresent()).toList();
  }

  private void onFill(Fill fill) {
    portfolio.onFill(fill);
    attribution.onFill(fill);
    persistPosition(fill.symbol());
  }

  /** Published only when a figure changed (a fill, or a mark moving an open position's unrealized P&L). */
  private void publishStrategies() {
    JsonObject now = strategiesJson();
    JsonObject figures = now.copy();
    figures.remove("tsMicros");
    if (!figures.equals(lastStrategies)) {
      lastStrategies = figures;
      vertx.eventBus().publish(Addresses.PORTFOLIO_STRATEGIES, now);
    }
  }

  private JsonObject strategiesJson() {
    List<StrategyPnl> rows = attribution.report(portfolio);
    JsonArray strategies = new JsonArray();
    rows.subList(0, rows.size() - 1).forEach(row -> strategies.add(pnlJson(row)));
    return new JsonObject().put("tsMicros", MicrosClock.SYSTEM.nowMicros()).put("strategies", strategies)
        .put("total", pnlJson(rows.get(rows.size() - 1)));
  }

  private static JsonObject pnlJson(StrategyPnl row) {
    JsonObject json = new JsonObject();
    if (row.strategy() != null) {
      json.put("strategy", row.strategy());
    }
    return json.put("realizedPnl", row.realizedPnl().toString()).put("unrealizedPnl", row.unrealizedPnl().toString())
        .put("fees", row.fees().toString()).put("netPnl", row.netPnl().toString()).put("trades", row.trades())
        .put("closes", row.closes()).put("wins", row.wins()).put("winRate", row.winRate());
  }

  /** {@code {days}} from 1 to {@link #MAX_DAYS} (default 30); anything else is a 400 the edge passes on. */
  private void onDailyPnl(Message<Object> message) {
    int days = 30;
    if (message.body() instanceof JsonObject request && request.getValue("days") != null) {
      if (!(request.getValue("days") instanceof Number n) || n.longValue() < 1 || n.longValue() > MAX_DAYS) {
        message.fail(400, "days must be a whole number from 1 to " + MAX_DAYS);
        return;
      }
      days = n.intValue();
    }
    JsonArray out = new JsonArray();
    for (DayPnl day : attribution.days(days, MicrosClock.SYSTEM.nowMicros())) {
      out.add(new JsonObject().put("date", day.date()).put("startMicros", day.startMicros())
          .put("realizedPnl", day.realizedPnl().toString()).put("fees", day.fees().toString())
          .put("netPnl", day.netPnl().toString()).put("trades", day.trades()));
    }
    message.reply(new JsonObject().put("days", out));
  }

  private void persistPosition(String symbol) {
    if (durable != null) {
      portfolio.position(symbol).ifPresent(position -> durable.send(Addresses.STORAGE_POSITIONS, position,
          position.symbol() + "@" + position.tsMicros(), id -> { }));
    }
  }

  /** The book as this run leaves it: after an orderly stop the next start must rebuild exactly this. */
  @Override
  public Future<?> stop() {
    PortfolioSnapshot s = portfolio.snapshot(MicrosClock.SYSTEM.nowMicros());
    LOG.info(() -> "portfolio: stopped with cash " + s.cash() + " realized " + s.realizedPnl() + " fees " + s.fees()
        + " positions " + s.positions().stream().filter(p -> !p.quantity().isZero())
        .map(p -> p.symbol() + " " + p.quantity() + " @ " + p.avgPrice()).toList());
    return Future.succeededFuture();
  }

  private static void log(PortfolioSnapshot s) {
    LOG.info(() -> "portfolio: equity " + s.equity() + " cash " + s.cash() + " realized " + s.realizedPnl()
        + " unrealized " + s.unrealizedPnl() + " fees " + s.fees() + " gross " + s.grossExposure() + " drawdown "
        + s.drawdown() + " positions " + s.positions().size());
  }
}
