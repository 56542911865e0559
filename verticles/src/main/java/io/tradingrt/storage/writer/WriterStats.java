package io.tradingrt.storage.writer;

/**
 * Counters of a {@link StorageWriter}: totals since it was created. {@code pendingRows} are appended but not yet
 * committed; {@code pendingSinceMicros} is when the oldest of them was appended (0 when none).
 */
public record WriterStats(long rowsCommitted, long commits, long failedCommits, long lastCommitMicros,
                          long maxCommitMicros, int pendingRows, long pendingSinceMicros) {

  /** Totals of an earlier writer carried over a reopen; latencies and pending rows are the later writer's. */
  WriterStats plus(WriterStats later) {
    return new WriterStats(rowsCommitted + later.rowsCommitted, commits + later.commits,
        failedCommits + later.failedCommits, later.lastCommitMicros, Math.max(maxCommitMicros, later.maxCommitMicros),
        later.pendingRows, later.pendingSinceMicros);
  }
}
