package io.tradingrt.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Environment variables over the merged tree: the short names below for the commonest keys, and any key as
 * {@code TRT__SECTION__KEY} (nested with double underscores, matched case-insensitively to the known key; a list
 * element by its index). Values stay text until the section reader gives them the key's type.
 */
final class Environment {

  /** Short variable → config path; documented in the README. */
  static final Map<String, String> SHORT_NAMES = Map.ofEntries(
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

  static final String PREFIX = "TRT__";
  private static final String SEPARATOR = "__";

  private Environment() {
  }

  /** Short names first, then {@code TRT__} names (so the explicit form wins); blank values are ignored. */
  static void apply(Map<String, Object> tree, Map<String, String> env) {
    new TreeMap<>(env).forEach((variable, value) -> {
      String path = SHORT_NAMES.get(variable);
      if (path != null && value != null && !value.isBlank()) {
        set(tree, variable, List.of(path.split("\\.")), value.trim());
      }
    });
    new TreeMap<>(env).forEach((variable, value) -> {
      if (variable.startsWith(PREFIX) && value != null && !value.isBlank()) {
        set(tree, variable, List.of(variable.substring(PREFIX.length()).split(SEPARATOR, -1)), value.trim());
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> tree, String variable, List<String> segments, String value) {
    Object node = tree;
    List<String> path = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      ConfigNode.EnvText text = new ConfigNode.EnvText(variable, value);
      if (node instanceof Map<?, ?> raw) {
        Map<String, Object> map = (Map<String, Object>) raw;
        String key = map.keySet().stream().filter(k -> k.equalsIgnoreCase(segment)).findFirst().orElse(null);
        if (key == null && String.join(".", path).equals("instruments") && !segment.isEmpty()) {
          key = segment;  // a symbol of its own: instrument keys are names, not a fixed list
          map.put(key, new LinkedHashMap<String, Object>());
        }
        if (key == null) {
          throw unknown(variable, path, segment, map.keySet().stream().toList());
        }
        path.add(key);
        if (last) {
          map.put(key, text);
        } else {
          node = map.get(key);
        }
      } else if (node instanceof List<?> raw && segment.matches("\\d{1,6}")
          && Integer.parseInt(segment) < raw.size()) {
        List<Object> list = (List<Object>) raw;
        int index = Integer.parseInt(segment);
        path.add(segment);
        if (last) {
          list.set(index, text);
        } else {
          node = list.get(index);
        }
      } else {
        throw new ConfigException(variable + " names no configuration key: " + String.join(".", path)
            + (node instanceof List<?> list ? " is a list of " + list.size() + " entries" : " has no keys"));
      }
    }
  }

  private static ConfigException unknown(String variable, List<String> path, String segment, List<String> known) {
    String at = path.isEmpty() ? segment : String.join(".", path) + "." + segment;
    String hint = NearestKey.among(segment, known).map(near -> {
      List<String> suggested = new ArrayList<>(path);
      suggested.add(near);
      return "; did you mean " + PREFIX + String.join(SEPARATOR, suggested).toUpperCase(Locale.ROOT) + " ("
          + String.join(".", suggested) + ")?";
    }).orElse("");
    return new ConfigException("unknown configuration key " + at + " in " + variable + hint);
  }
}
