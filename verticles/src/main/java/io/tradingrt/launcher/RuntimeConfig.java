package io.tradingrt.launcher;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The one config loader: the bundled {@code conf/runtime.json}, deep-merged with {@code -conf FILE|JSON}, then the
 * environment variables below (they win). Each role verticle gets its own section.
 */
public final class RuntimeConfig {

  /** Environment variable → config path ("section.key"); documented in the README. */
  public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
      Map.entry("TRT_ROLES", "roles"),
      Map.entry("TRT_FEED", "ingest.feed"),
      Map.entry("TRT_SYMBOLS", "ingest.symbols"),
      Map.entry("TRT_TICKS_PER_SECOND", "ingest.ticksPerSecond"),
      Map.entry("TRT_SEED", "ingest.seed"),
      Map.entry("TRT_CSV_PATH", "ingest.csvPath"),
      Map.entry("TRT_DB_PATH", "storage.path"),
      Map.entry("TRT_HTTP_PORT", "http.port"),
      Map.entry("TRT_HTTP_HOST", "http.host"),
      Map.entry("TRT_TOKEN", "http.token"),
      Map.entry("TRT_TCP_BRIDGE_PORT", "http.tcpBridgePort"),
      Map.entry("TRT_INITIAL_CASH", "portfolio.initialCash"));

  private RuntimeConfig() {
  }

  public static JsonObject defaults() {
    try (InputStream in = RuntimeConfig.class.getClassLoader().getResourceAsStream("conf/runtime.json")) {
      if (in == null) {
        throw new IllegalStateException("conf/runtime.json is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a {@code -conf} argument: inline JSON when it starts with '{', otherwise a file path. */
  public static JsonObject parseOverride(String fileOrJson) {
    String text = fileOrJson.trim();
    String source = "-conf JSON";
    if (!text.startsWith("{")) {
      Path path = Path.of(text);
      source = path.toString();
      try {
        text = Files.readString(path);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + path + ": " + e.getClass().getSimpleName());
      }
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      String reason = e.getMessage() == null ? "not a JSON object" : e.getMessage().split("\n")[0];
      throw new ConfigException("malformed config in " + source + ": " + reason);
    }
  }

  /** Defaults ← override ← environment. */
  public static JsonObject load(JsonObject override, Map<String, String> env) {
    JsonObject config = defaults().mergeIn(override == null ? new JsonObject() : override, true);
    ENVIRONMENT.forEach((variable, path) -> {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        set(config, path, coerce(config, path, value.trim(), variable));
      }
    });
    return config;
  }

  private static Object coerce(JsonObject config, String path, String value, String variable) {
    Object current = get(config, path);
    try {
      if (current instanceof JsonArray) {
        return new JsonArray(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      }
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(value);
      }
      if (current instanceof Boolean) {
        return Boolean.parseBoolean(value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(variable + " must be a whole number, got '" + value + "'");
    }
  }

  private static Object get(JsonObject config, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = config;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i], new JsonObject());
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void set(JsonObject config, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = config;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** A user's configuration mistake: reported as one line, never as a stack trace. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message, null, false, false);
    }
  }
}
