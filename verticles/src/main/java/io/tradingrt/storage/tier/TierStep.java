package io.tradingrt.storage.tier;


/** Points inside a tier move where a test hook can simulate a crash. */
public enum TierStep {
  /** Files written to the staging directory, nothing published. */
  AFTER_EXPORT,
  /** Files renamed into the tier, invisible until the move is DONE. */
  AFTER_PUBLISH,
  /** Rows deleted and the move marked DONE in one committed transaction. */
  AFTER_COMMIT
}
