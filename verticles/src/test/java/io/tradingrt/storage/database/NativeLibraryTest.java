package io.tradingrt.storage.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLibraryTest {

  private static Path tmp() throws Exception {
    return Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
  }

  @Test
  void findsTheDriversCopyUnderTheTemporaryDirectoryOnly(@TempDir Path dir) throws Exception {
    Path copy = tmp().resolve("libduckdb_java123456.so");
    Path maps = dir.resolve("maps");
    Files.write(maps, List.of(
        "7f0000000000-7f0000001000 r--p 00000000 fe:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7f0000001000-7f0000002000 r-xp 00001000 fe:01 2 /opt/lib/libduckdb_java.so",
        "7f0000002000-7f0000003000 r-xp 00002000 fe:01 3 " + copy,
        "7f0000003000-7f0000004000 rw-p 00000000 00:00 0 [heap]"));
    assertEquals(Optional.of(copy), NativeLibrary.mappedCopy(maps));

    Files.write(maps, List.of("7f0000002000-7f0000003000 r-xp 00002000 fe:01 3 " + copy + " (deleted)"));
    assertEquals(Optional.empty(), NativeLibrary.mappedCopy(maps), "an unlinked copy is not looked for again");
    assertEquals(Optional.empty(), NativeLibrary.mappedCopy(dir.resolve("absent")), "no listing, nothing to remove");
  }

  @Test
  void openingTheDatabaseLeavesNoCopyOfTheLibraryOnDisk(@TempDir Path dir) throws Exception {
    DuckDb.open(dir.resolve("a.duckdb"), "256MB", 1).close();
    Path maps = Path.of("/proc/self/maps");
    assertTrue(Files.isReadable(maps), "this test runs on Linux");
    List<String> mapped = Files.readAllLines(maps).stream().filter(l -> l.contains("libduckdb_java")).toList();
    assertTrue(!mapped.isEmpty(), "the library is loaded");
    assertTrue(mapped.stream().allMatch(l -> l.endsWith("(deleted)")), "its temporary copy is unlinked: " + mapped);
    try (var files = Files.list(tmp())) {
      List<String> mappedPaths = mapped.stream().map(l -> l.substring(l.indexOf('/'), l.lastIndexOf(" (deleted)")))
          .distinct().toList();
      assertTrue(files.map(Path::toString).noneMatch(mappedPaths::contains), "no file of the mapping is left");
    }
  }
}
