package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's picocli commands as an operator runs them: help, one-line usage errors, and a real import/backup/restore. */
class OperatorCommandsIT {

  private record Result(int exit, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  private static Result run(Path dir, String... args) throws Exception {
    try (RuntimeProcess process = RuntimeProcess.start("tool", dir,
        Map.of("TRT_DB_PATH", dir.resolve("rt.duckdb").toString()), args)) {
      int exit = process.awaitExit(Duration.ofSeconds(60));
      Thread.sleep(200); // the output pump reads the last lines after the exit
      return new Result(exit, process.lines());
    }
  }

  @Test
  void helpListsTheCommandsAndEachCommandHasItsOwn(@TempDir Path dir) throws Exception {
    Result help = run(dir, "--help");
    assertEquals(0, help.exit(), help.text());
    for (String command : List.of("backup", "restore", "import", "-conf", "-cluster")) {
      assertTrue(help.text().contains(command), command + " in:\n" + help.text());
    }
    Result importHelp = run(dir, "import", "--help");
    assertEquals(0, importHelp.exit(), importHelp.text());
    for (String source : List.of("csv", "parquet", "postgres")) {
      assertTrue(importHelp.text().contains(source), source + " in:\n" + importHelp.text());
    }
    Result postgresHelp = run(dir, "import", "postgres", "--help");
    assertTrue(postgresHelp.text().contains("--url") && postgresHelp.text().contains("--batch"), postgresHelp.text());
  }

  @Test
  void badUsageEndsWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    Result unknown = run(dir, "backup", "--bogus", "x");
    assertEquals(2, unknown.exit(), unknown.text());
    assertEquals(1, unknown.lines().size(), unknown.text());
    assertTrue(unknown.lines().get(0).startsWith("runtime backup: Unknown option: '--bogus'"), unknown.text());
    Result missing = run(dir, "import", "postgres", "--url", "jdbc:postgresql://127.0.0.1/x");
    assertEquals(2, missing.exit(), missing.text());
    assertEquals(1, missing.lines().size(), missing.text());
    assertTrue(missing.lines().get(0).startsWith("runtime import postgres: Missing required option"),
        missing.text());
    Result noSource = run(dir, "import");
    assertEquals(2, noSource.exit(), noSource.text());
    assertEquals(1, noSource.lines().size(), noSource.text());
  }

  @Test
  void importBackupAndRestoreWorkOnARealDatabase(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("ticks.csv");
    Files.writeString(csv, "ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n"
        + "2024-01-02 14:30:00,AAPL,100.1,100.2,5,6,100.15,1,1\n"
        + "2024-01-02 14:30:01,AAPL,100.2,100.3,5,6,100.25,2,2\n"
        + "2024-01-02 14:30:02,MSFT,300.1,300.2,5,6,300.15,3,3\n");
    Result imported = run(dir, "import", "csv", csv.toString());
    assertEquals(0, imported.exit(), imported.text());
    assertTrue(imported.text().contains("import: 3 rows"), imported.text());

    Result backup = run(dir, "backup", "nightly");
    assertEquals(0, backup.exit(), backup.text());
    assertTrue(Files.isDirectory(dir.resolve("data/backups/nightly")), backup.text());
    Result again = run(dir, "backup", "nightly");
    assertEquals(1, again.exit(), again.text());

    Result restored = run(dir, "restore", dir.resolve("data/backups/nightly").toString(), "--to",
        dir.resolve("restored.duckdb").toString());
    assertEquals(0, restored.exit(), restored.text());
    assertTrue(Files.size(dir.resolve("restored.duckdb")) > 0, restored.text());
  }
}
