package io.tradingrt.launcher;

import io.tradingrt.config.ConfigException;
import io.tradingrt.config.HttpSettings;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StorageSettings;
import io.tradingrt.storage.backup.Backup;
import io.tradingrt.storage.backup.BackupManifest;
import io.tradingrt.storage.backup.BackupTarget;
import io.tradingrt.storage.database.DatabaseLockedException;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.importer.ImportProgress;
import io.tradingrt.storage.importer.Importer;
import io.tradingrt.storage.schema.Migrations;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The jar's operator commands, as picocli subcommands with {@code --help}: {@code backup NAME} (under
 * storage.backupRoot), {@code restore DIR [--to FILE]}, {@code import csv|parquet FILE},
 * {@code import postgres --url JDBC_URL --table TABLE [--batch N]}, {@code backtest} ({@link BacktestCommand}).
 * Each reads the same configuration as the runtime
 * ({@code -conf}, environment). Exit codes: 0 done, 1 failed, 2 bad usage (one line on stderr).
 */
public final class Tools {

  private Tools() {
  }

  /** Whether the command line is for an operator command or for help, rather than for running the runtime. */
  public static boolean isTool(String first) {
    return List.of("backup", "restore", "import", "venue", "backtest", "help", "--help", "-h", "--version", "-V")
        .contains(first);
  }

  public static int run(String[] args) {
    CommandLine commandLine = new CommandLine(new Root());
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      CommandLine failed = e.getCommandLine();
      System.err.println(name(failed) + ": " + e.getMessage() + " (see: " + failed.getCommandSpec().qualifiedName()
          + " --help)");
      return 2;
    });
    commandLine.setExecutionExceptionHandler((e, failed, ignored) -> {
      String name = name(failed) + ": ";
      if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
        System.err.println(name + e.getMessage());
        return 2;
      }
      System.err.println(name + (e instanceof StorageException storage ? storage.code() + ": " + e.getMessage()
          : RuntimeHooks.oneLine(e)));
      return 1;
    });
    return commandLine.execute(args);
  }

  /** {@code runtime import postgres}: the subcommand path, as the one-line errors start. */
  private static String name(CommandLine command) {
    String root = command.getCommandSpec().root().name();
    return "runtime" + command.getCommandSpec().qualifiedName().substring(root.length());
  }

  @Command(name = "java -jar runtime.jar", mixinStandardHelpOptions = true, version = "tradingrt 0.1.0",
      description = {"Without a command, runs the trading runtime on conf/runtime.json,",
          "deep-merged with -conf and the environment (README: Configuration).",
          "",
          "Run options:",
          "  -conf FILE|JSON      configuration merged over the defaults",
          "  -cluster             join the Hazelcast cluster (conf/cluster.xml);",
          "                       with -cluster-host, -cluster-port,",
          "                       -cluster-public-host, -cluster-public-port",
          "  -options FILE|JSON   Vert.x options",
          "",
          "Options:"},
      subcommands = {BackupCommand.class, RestoreCommand.class, ImportCommand.class, VenueCommand.class,
          BacktestCommand.class, CommandLine.HelpCommand.class},
      synopsisHeading = "Usage: ", customSynopsis = "java -jar runtime.jar [-conf FILE|JSON] [-cluster] | COMMAND …")
  static final class Root implements Callable<Integer> {
    @Override
    public Integer call() {
      new CommandLine(this).usage(System.out);
      return 0;
    }
  }

  /** {@code -conf}, as the runtime takes it: a file or inline JSON, merged over the defaults. */
  static final class Conf {
    @Option(names = {"-conf", "--conf"}, paramLabel = "FILE|JSON", description = "configuration merged over the "
        + "defaults, as for the runtime")
    String conf;

    RuntimeSettings load() {
      return RuntimeConfig.load(conf, System.getenv());
    }

    StorageSettings storage() {
      return load().storage();
    }
  }

  @Command(name = "venue", mixinStandardHelpOptions = true, description = {"Runs the FIX 4.4 test venue: an "
      + "acceptor on venue.port with a limit order book per symbol of ingest.symbols and a market maker quoting "
      + "venue.quoteSize around a random walk, publishing market data. Point a runtime with execution.venue = fix at "
      + "it. Stop with Ctrl-C."})
  static final class VenueCommand implements Callable<Integer> {
    @Mixin
    Conf conf;

    @Override
    public Integer call() throws Exception {
      RuntimeSettings config = conf.load();
      io.tradingrt.venue.FixVenue venue = new io.tradingrt.venue.FixVenue(config.venue(), config.ingest().symbols(),
          config.ingest().seed(), config.ingest().startPrice());
      venue.start();
      System.out.println("venue: FIX 4.4 acceptor " + config.venue().senderCompId() + " listening on port "
          + config.venue().port() + " for " + config.ingest().symbols());
      Thread main = Thread.currentThread();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        venue.close();
        main.interrupt();
      }));
      try {
        Thread.currentThread().join();
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true, description = "Backs the database up into "
      + "storage.backupRoot/NAME: offline if the runtime is stopped, else through the running runtime's HTTP API.")
  static final class BackupCommand implements Callable<Integer> {
    @Mixin
    Conf conf;
    @Parameters(paramLabel = "NAME", description = "the backup's directory name under storage.backupRoot")
    String name;

    @Override
    public Integer call() throws Exception {
      RuntimeSettings config = conf.load();
      return backup(name, config.storage(), config.http());
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true, description = "Restores a backup directory into a new "
      + "database file, after checking its checksums.")
  static final class RestoreCommand implements Callable<Integer> {
    @Mixin
    Conf conf;
    @Parameters(paramLabel = "DIR", description = "the backup directory")
    String dir;
    @Option(names = "--to", paramLabel = "FILE", description = "the database file to create (default: storage.path)")
    String to;

    @Override
    public Integer call() {
      StorageSettings storage = conf.storage();
      return restore(dir, to == null ? storage.path() : to, storage);
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Imports ticks into the database (the "
      + "runtime must be stopped).", subcommands = {ImportFile.Csv.class, ImportFile.Parquet.class,
      ImportPostgres.class})
  static final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      throw new CommandLine.ParameterException(spec.commandLine(), "name the source: csv, parquet or postgres");
    }
  }

  abstract static class ImportFile implements Callable<Integer> {
    @Mixin
    Conf conf;
    @Parameters(paramLabel = "FILE")
    Path file;

    abstract Importer.Result read(Importer importer, Path file, ImportProgress progress) throws Exception;

    @Override
    public Integer call() throws Exception {
      return importData(conf.storage(), (importer, bar) -> read(importer, file, bar));
    }

    @Command(name = "csv", mixinStandardHelpOptions = true, description = "Ticks from a CSV file in the replay "
        + "format.")
    static final class Csv extends ImportFile {
      @Override
      Importer.Result read(Importer importer, Path file, ImportProgress progress) throws Exception {
        return importer.fromCsv(file, progress);
      }
    }

    @Command(name = "parquet", mixinStandardHelpOptions = true, description = "Ticks from a Parquet file.")
    static final class Parquet extends ImportFile {
      @Override
      Importer.Result read(Importer importer, Path file, ImportProgress progress) throws Exception {
        return importer.fromParquet(file, progress);
      }
    }
  }

  @Command(name = "postgres", mixinStandardHelpOptions = true, description = "Ticks from a PostgreSQL or "
      + "TimescaleDB table, read in batches.")
  static final class ImportPostgres implements Callable<Integer> {
    @Mixin
    Conf conf;
    @Option(names = "--url", required = true, paramLabel = "JDBC_URL")
    String url;
    @Option(names = "--table", required = true, paramLabel = "TABLE")
    String table;
    @Option(names = "--batch", paramLabel = "N", defaultValue = "50000", description = "rows per batch (default "
        + "${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() throws Exception {
      return importData(conf.storage(), (importer, bar) -> {
        try (var source = DriverManager.getConnection(url)) {
          return importer.fromPostgres(source, table, batch, bar);
        }
      });
    }
  }

  @FunctionalInterface
  interface ImportRun {
    Importer.Result run(Importer importer, ImportProgress progress) throws Exception;
  }

  private static int backup(String name, StorageSettings storage, HttpSettings http) throws Exception {
    Path target = BackupTarget.resolve(storage.backupDir(), name);
    try (var connection = DuckDb.open(storage)) {
      report(Backup.backup(connection, target), target, "offline");
      return 0;
    } catch (DatabaseLockedException running) {
      return onlineBackup(name, target, http, running);
    }
  }

  /** The runtime holds the file: ask it, over its HTTP API, to back up from one of its reader connections. */
  private static int onlineBackup(String name, Path target, HttpSettings http, DatabaseLockedException running)
      throws Exception {
    String url = "http://" + http.host() + ":" + http.port()
        + "/api/admin/backup";
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
        .header("Authorization", "Bearer " + http.token())
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

  private static int restore(String dir, String to, StorageSettings storage) {
    Path target = Path.of(to);
    if (Files.exists(target)) {
      throw new IllegalArgumentException("restore target " + target + " exists; move it away or pass --to FILE");
    }
    BackupManifest manifest = Backup.restore(Path.of(dir), target, storage.memoryLimit(), storage.threads());
    report(manifest, target, "restored");
    return 0;
  }

  private static int importData(StorageSettings storage, ImportRun run) throws Exception {
    try (var connection = DuckDb.open(storage)) {
      Migrations.fromClasspath().apply(connection);
      ProgressBar bar = new ProgressBar();
      Importer.Result result = run.run(new Importer(connection), bar);
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

}
