package io.tradingrt.storage.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * DuckDB's JDBC driver unpacks its native library (72 MB for linux_amd64) into {@code java.io.tmpdir} at every start
 * of a JVM and deletes the copy only at a clean exit. A runtime that is killed, or that dies, leaves the copy behind:
 * a supervisor restarting it fills the temporary directory, and the next start fails with "No space left on device".
 * So the first open here loads the library and unlinks the copy at once; Linux keeps a mapped file alive until the
 * process ends. A failed unpack (a full or read-only temporary directory) becomes a coded one-line error.
 */
final class NativeLibrary {

  private static final String DRIVER_CLASS = "org.duckdb.DuckDBNative";
  private static final String COPY_PREFIX = "libduckdb_java";

  private static volatile boolean loaded;

  private NativeLibrary() {
  }

  /** Loads the driver's native library once per JVM and removes its temporary copy. */
  static void load() {
    if (loaded) {
      return;
    }
    synchronized (NativeLibrary.class) {
      if (loaded) {
        return;
      }
      try {
        Class.forName(DRIVER_CLASS, true, NativeLibrary.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new StorageException(StorageErrorCode.OPEN_FAILED, "DuckDB's JDBC driver is not on the class path", e);
      } catch (ExceptionInInitializerError e) {
        throw new StorageException(StorageErrorCode.OPEN_FAILED, "cannot load DuckDB's native library (unpacked into "
            + System.getProperty("java.io.tmpdir") + "): " + StorageException.oneLine(rootMessage(e)), e);
      }
      mappedCopy(Path.of("/proc/self/maps")).ifPresent(NativeLibrary::unlink);
      loaded = true;
    }
  }

  /**
   * The temporary copy of the library this process has mapped, read from a {@code /proc/<pid>/maps} listing: a
   * {@code libduckdb_java*.so} right under {@code java.io.tmpdir}. Empty where there is no such listing (not Linux)
   * or no such mapping (the library came from {@code java.library.path}).
   */
  static Optional<Path> mappedCopy(Path maps) {
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    Path tmp;
    List<String> lines;
    try {
      tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
      lines = Files.readAllLines(maps);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String line : lines) {
      int slash = line.indexOf('/');
      if (slash < 0 || line.endsWith("(deleted)")) {
        continue;
      }
      Path mapped = Path.of(line.substring(slash).trim());
      String name = mapped.getFileName().toString();
      if (name.startsWith(COPY_PREFIX) && name.endsWith(".so") && tmp.equals(mapped.getParent())) {
        return Optional.of(mapped);
      }
    }
    return Optional.empty();
  }

  private static void unlink(Path copy) {
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      // the copy stays until the JVM exits cleanly, as without this class
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
