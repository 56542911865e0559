package io.tradingrt.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tradingrt.codecs.json.ContractJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one configuration loader: the bundled {@code conf/runtime.json} (every key, with its default), deep-merged with
 * {@code -conf FILE|JSON}, then the environment; read into {@link RuntimeSettings}, refusing unknown keys and wrongly
 * typed values with one line that names the full path. Objects merge key by key; a list replaces the default list.
 */
public final class ConfigLoader {

  /** Floats as BigDecimal, so a decimal written as a JSON number keeps its exact text. */
  private static final ObjectReader READER = ContractJson.mapper().reader()
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).forType(Map.class);

  private ConfigLoader() {
  }

  /** The bundled defaults as a fresh, mutable tree. */
  public static Map<String, Object> defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("conf/runtime.json")) {
      if (in == null) {
        throw new IllegalStateException("conf/runtime.json is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "conf/runtime.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code -conf} argument: inline JSON when it starts with '{', otherwise a file path. */
  public static Map<String, Object> parseOverride(String fileOrJson) {
    String text = fileOrJson.trim();
    if (text.startsWith("{")) {
      return parse(text, "-conf JSON");
    }
    Path path = Path.of(text);
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e.getClass().getSimpleName());
    }
  }

  /** A JSON object; anything else is one line naming the source. */
  public static Map<String, Object> parse(String json, String source) {
    try {
      Map<String, Object> tree = READER.readValue(json);
      if (tree == null) {
        throw new ConfigException("malformed config in " + source + ": not a JSON object");
      }
      return tree;
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage() == null ? "not a JSON object" : e.getOriginalMessage().split("\n")[0];
      throw new ConfigException("malformed config in " + source + ": " + reason);
    }
  }

  /** Defaults ← override ← environment, typed and validated. */
  public static RuntimeSettings load(Map<String, Object> override, Map<String, String> env) {
    Map<String, Object> tree = merge(defaults(), override);
    Environment.apply(tree, env);
    return new ConfigNode("", tree).read(RuntimeSettings::read);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = new LinkedHashMap<>();
    base.forEach((key, value) -> merged.put(key, copy(value)));
    override.forEach((key, value) -> {
      if (merged.get(key) instanceof Map<?, ?> into && value instanceof Map<?, ?> from) {
        merged.put(key, merge((Map<String, Object>) into, (Map<String, Object>) from));
      } else {
        merged.put(key, copy(value));
      }
    });
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      return merge((Map<String, Object>) map, Map.of());
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copy(item)));
      return copy;
    }
    return value;
  }
}
