package io.tradingrt.storage.writer;

import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The open database behind the writer and its readers, and the one place that reopens it. DuckDB keeps an
 * invalidated database unusable until every connection to it is closed, so a reopen closes the writer's connection
 * and every reader's duplicate (under a write lock, so no query is running on them), then opens the file again;
 * each {@link Reader} duplicates the fresh connection on its next query.
 */
public final class WriterDatabase {

  private final Supplier<DuckDBConnection> opener;
  private final MicrosClock clock;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Reader> readers = new CopyOnWriteArrayList<>();
  private volatile DuckDBConnection connection;
  private StorageWriter writer;
  private WriterStats carried = new WriterStats(0, 0, 0, 0, 0, 0, 0);
  private volatile long reopens;

  /** {@code opener} opens the same file again (already migrated); it throws a {@link StorageException}. */
  public WriterDatabase(DuckDBConnection connection, Supplier<DuckDBConnection> opener, MicrosClock clock) {
    this.connection = connection;
    this.opener = opener;
    this.clock = clock;
    this.writer = new StorageWriter(connection, clock);
  }

  /** The writer of the open database; only the writer thread calls this. */
  StorageWriter writer() {
    if (writer == null) {
      throw new StorageException(StorageErrorCode.DATABASE_INVALIDATED, "the database is closed after a failed reopen");
    }
    return writer;
  }

  /** The write connection, for tasks that run on the writer thread between commits. */
  DuckDBConnection connection() {
    return connection;
  }

  /** Counters over every writer this database had, so a reopen does not reset the health figures. */
  WriterStats stats() {
    StorageWriter current = writer;
    return current == null ? carried : carried.plus(current.stats());
  }

  long reopens() {
    return reopens;
  }

  /** Closes every connection without committing, then opens the file again; on failure it stays closed. */
  void reopen() {
    lock.writeLock().lock();
    try {
      if (writer != null) {
        carried = carried.plus(writer.stats());
        writer.discard();
        writer = null;
      }
      readers.forEach(Reader::closeDuplicate);
      connection = null;
      DuckDBConnection fresh = opener.get();
      connection = fresh;
      writer = new StorageWriter(fresh, clock);
      reopens++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Commits and closes the writer; readers close their own duplicates when they stop. */
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  /** A reader's connection: a duplicate of the current database, replaced after a reopen. */
  public Reader reader() {
    Reader reader = new Reader();
    readers.add(reader);
    return reader;
  }

  /** Used by one reader thread at a time; the writer closes its duplicate only while holding the write lock. */
  public final class Reader {
    private DuckDBConnection duplicate;

    /** Runs {@code query} on a live duplicate; fails with a storage error while the database is being reopened. */
    public <T> T use(Function<DuckDBConnection, T> query) {
      lock.readLock().lock();
      try {
        if (duplicate == null) {
          DuckDBConnection source = connection;
          if (source == null) {
            throw new StorageException(StorageErrorCode.QUERY_FAILED, "storage is unavailable: the database is "
                + "being reopened");
          }
          try {
            duplicate = (DuckDBConnection) source.duplicate();
          } catch (SQLException e) {
            throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot open a reader connection: "
                + e.getMessage(), e);
          }
        }
        return query.apply(duplicate);
      } finally {
        lock.readLock().unlock();
      }
    }

    public void close() {
      lock.readLock().lock();
      try {
        closeDuplicate();
        readers.remove(this);
      } finally {
        lock.readLock().unlock();
      }
    }

    private void closeDuplicate() {
      if (duplicate != null) {
        try {
          duplicate.close();
        } catch (SQLException ignored) {
          // a duplicate of an invalidated database
        }
        duplicate = null;
      }
    }
  }
}
