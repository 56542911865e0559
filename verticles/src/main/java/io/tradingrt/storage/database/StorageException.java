package io.tradingrt.storage.database;

/** A storage failure with a stable {@link StorageErrorCode} and a one-line message meant for an operator. */
public class StorageException extends RuntimeException {

  private final StorageErrorCode code;

  public StorageException(StorageErrorCode code, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.code = code;
  }

  public StorageException(StorageErrorCode code, String message) {
    this(code, message, null);
  }

  public StorageErrorCode code() {
    return code;
  }

  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
