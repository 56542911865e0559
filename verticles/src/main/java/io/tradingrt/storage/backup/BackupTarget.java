package io.tradingrt.storage.backup;

import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a backup may be written: a directory named by the caller, always inside the configured backup root. The
 * name is one or more plain segments ({@code 2024-01-02}, {@code daily/monday}); an absolute path is accepted only
 * when it already lies inside the root. Nothing outside the root is ever created or deleted.
 */
public final class BackupTarget {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private BackupTarget() {
  }

  public static Path resolve(Path root, String requested) {
    Path base = root.toAbsolutePath().normalize();
    if (requested == null || requested.isBlank()) {
      throw refused(base, "a backup needs a name");
    }
    Path asked = Path.of(requested);
    Path relative = asked.isAbsolute() ? relativeInside(base, asked.normalize(), requested) : asked;
    if (relative.getNameCount() == 0 || relative.toString().isEmpty()) {
      throw refused(base, "'" + requested + "' names the backup root itself");
    }
    for (Path segment : relative) {
      if (!SEGMENT.matcher(segment.toString()).matches() || segment.toString().endsWith(".partial")) {
        throw refused(base, "'" + requested + "' is not a plain name: use letters, digits and . _ - in each part");
      }
    }
    return base.resolve(relative).normalize();
  }

  private static Path relativeInside(Path base, Path absolute, String requested) {
    if (!absolute.startsWith(base)) {
      throw refused(base, "'" + requested + "' is outside the backup root");
    }
    return base.relativize(absolute);
  }

  private static StorageException refused(Path base, String why) {
    return new StorageException(StorageErrorCode.BACKUP_REFUSED, why + " (backups go under " + base + ")");
  }
}
