package io.tradingrt.storage;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.storage.backup.Backup;
import io.tradingrt.storage.backup.BackupTarget;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.query.OrderQuery;
import io.tradingrt.storage.query.StorageQueries;
import io.tradingrt.storage.writer.WriterDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Answers {@code storage.query.*} requests on one duplicated connection. A worker verticle deployed with as many
 * instances as cores: more would only queue inside DuckDB and slow the writer (see STORAGE-FACTS). Parameters are a
 * JsonObject; times are epoch microseconds; replies are JSON ({@code {"items": [...]}} for lists). Bad parameters
 * fail the request with code 400 and a sentence.
 */
public final class StorageReaderVerticle extends VerticleBase {

  private final WriterDatabase.Reader lease;
  private DuckDBConnection connection;
  private StorageQueries queries;
  private final Path backupRoot;

  StorageReaderVerticle(WriterDatabase.Reader lease, Path backupRoot) {
    this.lease = lease;
    this.backupRoot = backupRoot;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(List.of(
        bus.<JsonObject>consumer(Addresses.QUERY_LATEST_TICKS, m -> answer(m, p ->
            items(queries.latestTicks(symbol(p), limit(p, 1000))))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_BARS, m -> answer(m, p ->
            items(queries.bars(symbol(p), p.getString("timeframe", "1m"), p.getLong("from", 0L),
                p.getLong("to", Long.MAX_VALUE))))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_ORDERS, m -> answer(m, p ->
            items(queries.orders(orderQuery(p))))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_TRADES, m -> answer(m, p ->
            items(queries.trades(orderQuery(p))))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_POSITIONS, m -> answer(m, p -> items(queries.positions())))
            .completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_PNL, m -> answer(m, p -> json(queries.pnlSummary()))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_METRICS, m -> answer(m, p ->
            items(queries.metricsHistory(p.getLong("from", 0L), p.getLong("to", Long.MAX_VALUE),
                p.getLong("bucketMicros", 0L), limit(p, 10_000))))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_VWAP, m -> answer(m, p -> items(queries.vwapBySymbol()))).completion(),
        bus.<JsonObject>consumer(Addresses.QUERY_STATS, m -> answer(m, p -> json(queries.stats()))).completion(),
        bus.<JsonObject>consumer(Addresses.STORAGE_BACKUP, m -> answer(m, p -> {
          Path dir = BackupTarget.resolve(backupRoot, p.getValue("dir") instanceof String s ? s : null);
          return json(Backup.backup(connection, dir)).put("dir", dir.toString());
        })).completion()));
  }

  private void answer(Message<JsonObject> message, Function<JsonObject, Object> query) {
    JsonObject params = message.body() == null ? new JsonObject() : message.body();
    try {
      message.reply(lease.use(current -> {
        onConnection(current);
        return query.apply(params);
      }));
    } catch (ClassCastException e) {
      message.fail(400, "a query parameter has the wrong type");
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
    } catch (StorageException e) {
      message.fail(switch (e.code()) {
        case BACKUP_REFUSED -> 400;
        case BACKUP_EXISTS -> 409;
        default -> 500;
      }, e.code() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // an unexpected failure still answers: the caller must not wait for its timeout
      message.fail(500, "query failed: " + e);
    }
  }

  /** The writer reopened the database: prepare the queries again on the fresh duplicate. */
  private void onConnection(DuckDBConnection current) {
    if (current != connection) {
      connection = current;
      queries = new StorageQueries(current);
    }
  }

  private static String symbol(JsonObject p) {
    String symbol = p.getString("symbol");
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("the query needs a 'symbol'");
    }
    return symbol;
  }

  private static int limit(JsonObject p, int max) {
    int limit = p.getInteger("limit", 100);
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("limit must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  private static OrderQuery orderQuery(JsonObject p) {
    return new OrderQuery(p.getString("symbol"), p.getString("strategy"), p.getString("status"),
        p.getLong("from", 0L), p.getLong("to", Long.MAX_VALUE), p.getLong("after", 0L), p.getInteger("offset", 0),
        limit(p, OrderQuery.MAX_LIMIT));
  }

  private static JsonObject items(List<?> rows) {
    return new JsonObject().put("items", new JsonArray(ContractJson.write(rows))).put("count", rows.size());
  }

  private static JsonObject json(Object value) {
    return new JsonObject(ContractJson.write(value));
  }

  @Override
  public Future<?> stop() {
    lease.close();
    return Future.succeededFuture();
  }
}
