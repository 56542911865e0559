package io.tradingrt.storage;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar refuses to start on a damaged database file, with exactly one line on stderr naming the file and a
 * non-zero exit, instead of running for seconds and then failing every write while orders are still accepted.
 */
class StartupIntegrityIT {

  @TempDir
  static Path dir;
  private static Path pristine;

  /** One run of the real runtime writes a file with ticks, then stops cleanly (its data checkpointed into the file). */
  @BeforeAll
  static void createData() throws Exception {
    Path db = dir.resolve("data").resolve("runtime.duckdb");
    try (RuntimeProcess runtime = RuntimeProcess.start("create", dir, Map.of("TRT_DB_PATH", db.toString()),
        "-conf", conf())) {
      runtime.awaitLine(l -> l.contains("started roles"), Duration.ofSeconds(60));
      Thread.sleep(8_000);
      assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(30)), "stopped on SIGTERM");
    }
    pristine = dir.resolve("pristine.duckdb");
    Files.copy(db, pristine);
    assertTrue(Files.size(pristine) > 4 * 262_144L, "the file spans several blocks: " + Files.size(pristine));
  }

  @Test
  void aFileTruncatedToHalfEndsTheStartWithOneLine() throws Exception {
    Path db = damaged("truncated", file -> {
      try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
        raw.setLength(raw.length() / 2);
      }
    });
    assertRefused(db, "Could not read enough bytes");
  }

  @Test
  void flippedBytesInTheBlocksEndTheStartWithOneLine() throws Exception {
    Path db = damaged("flipped", file -> {
      try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
        byte[] garbage = new byte[512];
        Arrays.fill(garbage, (byte) 0x5A);
        for (long offset = 3 * 262_144L; offset + garbage.length < raw.length(); offset += 262_144L) {
          raw.seek(offset + 100);
          raw.write(garbage);
        }
      }
    });
    assertRefused(db, "");
  }

  @Test
  void aZeroedHeaderEndsTheStartWithOneLine() throws Exception {
    Path db = damaged("zeroed", file -> {
      try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
        raw.write(new byte[4096]);
      }
    });
    assertRefused(db, "not a valid DuckDB database file");
  }

  @Test
  void theUndamagedFileStarts() throws Exception {
    Path db = damaged("intact", file -> { });
    try (RuntimeProcess runtime = RuntimeProcess.start("intact", dir, Map.of("TRT_DB_PATH", db.toString()),
        "-conf", conf())) {
      runtime.awaitLine(l -> l.contains("database file verified in"), Duration.ofSeconds(60));
      runtime.awaitLine(l -> l.contains("started roles"), Duration.ofSeconds(60));
      assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(30)), "stopped on SIGTERM");
    }
  }

  private static void assertRefused(Path db, String detail) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", RuntimeProcess.jar().toString(), "-conf", conf())
        .directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the runtime ended by itself");
    List<String> stderr = Files.readAllLines(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertNotEquals(0, process.exitValue(), "exit code; stderr: " + stderr);
    assertEquals(1, stderr.size(), "exactly one line on stderr: " + stderr);
    assertTrue(stderr.get(0).contains(db.toString()), "the line names the file: " + stderr);
    assertTrue(stderr.get(0).contains("is damaged or not a DuckDB database"), "a corrupt file: " + stderr);
    assertTrue(stderr.get(0).contains(detail), "the line says what is wrong: " + stderr);
    assertEquals("", Files.readString(dir.resolve("stdout.txt")), "nothing on stdout");
  }

  private interface Damage {
    void apply(Path file) throws Exception;
  }

  private static Path damaged(String name, Damage damage) throws Exception {
    Path db = dir.resolve("data").resolve("runtime.duckdb");
    Files.copy(pristine, db, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(Path.of(db + ".wal"));
    damage.apply(db);
    return db;
  }

  private static String conf() {
    return "{\"roles\":[\"storage\",\"ingest\"],\"ingest\":{\"ticksPerSecond\":100000},\"storage\":{\"path\":\""
        + dir.resolve("data").resolve("runtime.duckdb") + "\",\"retention\":{\"tierPath\":\"" + dir.resolve("tiers")
        + "\"}}}";
  }
}
