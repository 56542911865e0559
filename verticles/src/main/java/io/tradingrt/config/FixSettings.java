package io.tradingrt.config;

/**
 * The {@code fix} section: the FIX 4.4 session the runtime opens as initiator when {@code execution.venue} is
 * {@code fix} (order entry; market data on the same session when {@code ingest.feed} is {@code fix}). Credentials come
 * from the environment variables named here, never from the conf. The message store and sequence numbers live under
 * {@code storePath}, so a restart continues the session. Reconnect attempts back off from {@code reconnectSeconds},
 * doubling up to {@code reconnectMaxSeconds}.
 */
public record FixSettings(String host, long port, String senderCompId, String targetCompId, long heartbeatSeconds,
                          long reconnectSeconds, long reconnectMaxSeconds, boolean resetOnLogon, String storePath, String usernameEnv,
                          String passwordEnv) {

  public FixSettings {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    if (senderCompId.isBlank() || targetCompId.isBlank()) {
      throw new IllegalArgumentException("senderCompId and targetCompId must not be empty");
    }
    if (heartbeatSeconds < 1 || reconnectSeconds < 1) {
      throw new IllegalArgumentException("heartbeatSeconds and reconnectSeconds must be at least 1");
    }
    if (reconnectMaxSeconds < reconnectSeconds || reconnectMaxSeconds > 3_600) {
      throw new IllegalArgumentException("reconnectMaxSeconds must be reconnectSeconds (" + reconnectSeconds
          + ") to 3600, got " + reconnectMaxSeconds);
    }
  }

  static FixSettings read(ConfigNode n) {
    return new FixSettings(n.text("host"), n.integer("port"), n.text("senderCompId"), n.text("targetCompId"),
        n.integer("heartbeatSeconds"), n.integer("reconnectSeconds"), n.integer("reconnectMaxSeconds"),
        n.bool("resetOnLogon"), n.text("storePath"),
        n.text("usernameEnv"), n.text("passwordEnv"));
  }
}
