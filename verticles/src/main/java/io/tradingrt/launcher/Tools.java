package io.tradingrt.launcher;

import io.tradingrt.storage.backup.Backup;
import io.tradingrt.storage.backup.BackupManifest;
import io.tradingrt.storage.backup.BackupTarget;
import io.tradingrt.storage.database.DatabaseLockedException;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageConfig;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.importer.ImportProgress;
import io.tradingrt.storage.importer.Importer;
import io.tradingrt.storage.schema.Migrations;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jar's operator commands: {@code backup NAME} (under storage.backupRoot), {@code restore DIR [--to FILE]},
 * {@code import csv|parquet FILE}, {@code import postgres --url JDBC_URL --table TABLE [--batch N]}. Each reads the
 * same configuration as the runtime ({@code -conf}, environment). Exit codes: 0 done, 1 failed, 2 usage.
 */
public final class Tools {

  private static final String USAGE = "usage: backup NAME | restore DIR [--to FILE] | import csv|parquet FILE"
      + " | import postgres --url JDBC_URL --table TABLE [--batch N]   (each accepts -conf FILE|JSON)";

  private Tools() {
  }

  public static boolean isTool(String command) {
    return List.of("backup", "restore", "import").contains(command);
  }

  public static int run(String command, String[] args) {
    try {
      Options options = Options.parse(args);
      JsonObject config = RuntimeConfig.load(options.conf == null ? new JsonObject()
          : RuntimeConfig.parseOverride(options.conf), System.getenv());
      StorageConfig storage = config.getJsonObject("storage").mapTo(StorageConfig.class);
      return switch (command) {
        case "backup" -> backup(options.required(0, "NAME"), storage, config.getJsonObject("http"));
        case "restore" -> restore(options.required(0, "DIR"), options.flag("--to", storage.path()), storage);
        default -> importData(options, storage);
      };
    } catch (RuntimeConfig.ConfigException | IllegalArgumentException e) {
      System.err.println("runtime " + command + ": " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    } catch (StorageException e) {
      System.err.println("runtime " + command + ": " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("runtime " + command + ": " + RuntimeHooks.oneLine(e));
      return 1;
    }
  }

  private static int backup(String name, StorageConfig storage, JsonObject http) throws Exception {
    Path target = BackupTarget.resolve(storage.backupDir(), name);
    try (var connection = DuckDb.open(storage)) {
      report(Backup.backup(connection, target), target, "offline");
      return 0;
    } catch (DatabaseLockedException running) {
      return onlineBackup(name, target, http, running);
    }
  }

  /** The runtime holds the file: ask it, over its HTTP API, to back up from one of its reader connections. */
  private static int onlineBackup(String name, Path target, JsonObject http, DatabaseLockedException running)
      throws Exception {
    String url = "http://" + http.getString("host", "127.0.0.1") + ":" + http.getInteger("port", 8080)
        + "/api/admin/backup";
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
        .header("Authorization", "Bearer " + http.getString("token", ""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("dir", name).encode())).build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(running.getMessage() + ", and its HTTP API at " + url + " does not answer ("
          + e.getClass().getSimpleName() + ")");
    }
    if (response.statusCode() != 200) {
      System.err.println("runtime backup: the running runtime refused: HTTP " + response.statusCode() + " "
          + response.body());
      return 1;
    }
    System.out.println("backup: online backup by the running runtime into " + target + ": " + response.body());
    return 0;
  }

  private static int restore(String dir, String to, StorageConfig storage) {
    Path target = Path.of(to);
    if (Files.exists(target)) {
      throw new IllegalArgumentException("restore target " + target + " exists; move it away or pass --to FILE");
    }
    BackupManifest manifest = Backup.restore(Path.of(dir), target, storage.memoryLimit(), storage.threads());
    report(manifest, target, "restored");
    return 0;
  }

  private static int importData(Options options, StorageConfig storage) throws Exception {
    String kind = options.required(0, "csv|parquet|postgres");
    try (var connection = DuckDb.open(storage)) {
      Migrations.fromClasspath().apply(connection);
      Importer importer = new Importer(connection);
      ProgressBar bar = new ProgressBar();
      Importer.Result result = switch (kind) {
        case "csv" -> importer.fromCsv(Path.of(options.required(1, "FILE")), bar);
        case "parquet" -> importer.fromParquet(Path.of(options.required(1, "FILE")), bar);
        case "postgres" -> {
          String url = options.flag("--url", null);
          String table = options.flag("--table", null);
          if (url == null || table == null) {
            throw new IllegalArgumentException("import postgres needs --url and --table");
          }
          try (var source = DriverManager.getConnection(url)) {
            yield importer.fromPostgres(source, table, Integer.parseInt(options.flag("--batch", "50000")), bar);
          }
        }
        default -> throw new IllegalArgumentException("unknown import source '" + kind + "'");
      };
      bar.done();
      System.out.printf("import: %,d rows in %.1f s into %s%n", result.rows(), result.millis() / 1000.0,
          storage.path());
      return 0;
    }
  }

  private static void report(BackupManifest manifest, Path where, String how) {
    long rows = manifest.tables().values().stream().mapToLong(c -> c.rows()).sum();
    System.out.printf("backup: %s, %d tables, %,d rows, schema version %d: %s%n", how, manifest.tables().size(), rows,
        manifest.schemaVersion(), where);
  }

  /** One line on stderr, rewritten in place: rows done, of how many, and the rate. */
  static final class ProgressBar implements ImportProgress {
    private final long started = System.nanoTime();

    @Override
    public void onProgress(long done, long total) {
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      String of = total > 0 ? String.format(" / %,d (%d%%)", total, done * 100 / total) : "";
      System.err.printf("\rimport: %,d rows%s  %,.0f rows/s   ", done, of, done / seconds);
    }

    void done() {
      System.err.println();
    }
  }

  private record Options(List<String> positional, Map<String, String> flags, String conf) {
    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      Map<String, String> flags = new java.util.HashMap<>();
      String conf = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.startsWith("-")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + arg + " needs a value");
          }
          if (arg.equals("-conf") || arg.equals("--conf")) {
            conf = args[++i];
          } else if (List.of("--to", "--url", "--table", "--batch").contains(arg)) {
            flags.put(arg, args[++i]);
          } else {
            throw new IllegalArgumentException("unknown option '" + arg + "'");
          }
        } else {
          positional.add(arg);
        }
      }
      return new Options(positional, flags, conf);
    }

    String required(int index, String name) {
      if (index >= positional.size()) {
        throw new IllegalArgumentException("missing " + name);
      }
      return positional.get(index);
    }

    String flag(String name, String fallback) {
      return flags.getOrDefault(name, fallback);
    }
  }
}
