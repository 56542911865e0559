package io.tradingrt.storage;

/**
 * Counters of a {@link StorageWriter}: totals since it was created. {@code pendingRows} are appended but not yet
 * committed; {@code pendingSinceMicros} is when the oldest of them was appended (0 when none).
 */
public record WriterStats(long rowsCommitted, long commits, long failedCommits, long lastCommitMicros,
                          long maxCommitMicros, int pendingRows, long pendingSinceMicros) {
}
