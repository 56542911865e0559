package io.tradingrt.storage;

import io.tradingrt.storage.writer.WriteQueue;
import io.tradingrt.storage.writer.WriterDatabase;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the storage role lends a companion verticle deployed beside it (the backtest service): readers on duplicates
 * of its connection (each one used by one thread at a time, closed by its user), the single writer's task queue (a
 * task runs between commits, with no transaction open), and the database file.
 */
public record StorageAccess(Supplier<WriterDatabase.Reader> readers, Consumer<WriteQueue.Task> writerTasks,
                            Path databaseFile) {
}
