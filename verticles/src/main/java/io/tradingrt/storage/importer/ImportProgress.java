package io.tradingrt.storage.importer;

/** Reports an import's progress after each committed batch; {@code rowsTotal} is -1 when unknown. */
@FunctionalInterface
public interface ImportProgress {

  ImportProgress NONE = (rowsDone, rowsTotal) -> { };

  void onProgress(long rowsDone, long rowsTotal);
}
