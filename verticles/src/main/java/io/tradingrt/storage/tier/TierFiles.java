package io.tradingrt.storage.tier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The tier directory: {@code <tierPath>/<table>/date=YYYY-MM-DD/symbol=S/move_<id>_<n>.parquet}, plus staging. */
public final class TierFiles {

  private final Path root;

  TierFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path tableDir(TierTable table) {
    return root.resolve(table.table());
  }

  Path staging(long moveId) {
    return root.resolve("_staging").resolve("move_" + moveId);
  }

  /** COPY creates the move's directory but not its parents. */
  Path prepareStaging(long moveId) throws IOException {
    Path staging = staging(moveId);
    deleteTree(staging);
    Files.createDirectories(staging.getParent());
    return staging;
  }

  static String filePrefix(long moveId) {
    return "move_" + moveId + "_";
  }

  /** Renames each staged file to the same relative place in the tier; each rename is atomic. */
  List<Path> publish(long moveId, TierTable table) throws IOException {
    Path staging = staging(moveId);
    List<Path> published = new ArrayList<>();
    for (Path file : parquetFiles(staging)) {
      Path target = tableDir(table).resolve(staging.relativize(file));
      Files.createDirectories(target.getParent());
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      published.add(target);
    }
    deleteTree(staging);
    return published;
  }

  boolean hasFiles(TierTable table) throws IOException {
    return !parquetFiles(tableDir(table)).isEmpty();
  }

  /** Deletes a move's staging directory and every published file of it; returns the files deleted. */
  int discardMove(long moveId, TierTable table) throws IOException {
    deleteTree(staging(moveId));
    int deleted = 0;
    for (Path file : parquetFiles(tableDir(table))) {
      if (file.getFileName().toString().startsWith(filePrefix(moveId))) {
        Files.delete(file);
        deleted++;
      }
    }
    pruneEmptyDirs(tableDir(table));
    return deleted;
  }

  /** Deletes the date partitions strictly before {@code cutoff}; returns how many. */
  int deleteDatesBefore(TierTable table, LocalDate cutoff) throws IOException {
    Path dir = tableDir(table);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> dates = Files.list(dir)) {
      for (Path partition : dates.toList()) {
        String name = partition.getFileName().toString();
        if (name.startsWith("date=") && parseDate(name.substring(5)).isBefore(cutoff)) {
          deleteTree(partition);
          deleted++;
        }
      }
    }
    return deleted;
  }

  void deleteStagingArea() throws IOException {
    deleteTree(root.resolve("_staging"));
  }

  static List<Path> parquetFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return LocalDate.MAX;
    }
  }

  private static void pruneEmptyDirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(dir) && Files.isDirectory(path)) {
          try (Stream<Path> children = Files.list(path)) {
            if (children.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        }
      }
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
