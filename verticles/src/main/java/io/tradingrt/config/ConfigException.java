package io.tradingrt.config;

/** A user's configuration mistake: reported as one line and exit code 2, never as a stack trace. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
