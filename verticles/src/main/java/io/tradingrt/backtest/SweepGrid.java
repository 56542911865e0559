package io.tradingrt.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.config.StrategySettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets of a sweep, from JSON: an object is a grid, every combination of the listed values
 * ({@code {"momentum": {"fast": [3, 5], "slow": [20, 40]}}} is four sets), an array is a list of sets
 * ({@code [{"momentum": {"fast": 3}}, {"meanrev": {"window": 50}}]}). Keys are the strategy type's own keys
 * (ma-crossover: fast, slow, quantity; mean-reversion: window, entryZ, exitZ, quantity); a set changes only the
 * strategies it names.
 */
public final class SweepGrid {
  public static final int MAX_SETS = 10_000;

  /** One parameter set: by strategy name, key → value as written. */
  public record ParameterSet(Map<String, Map<String, String>> values) {
    public ParameterSet {
      Map<String, Map<String, String>> copy = new LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, Map.copyOf(new LinkedHashMap<>(v))));
      values = java.util.Collections.unmodifiableMap(copy);
    }

    /** {@code momentum.fast=3 momentum.slow=20}, in the order written. */
    public String label() {
      StringBuilder label = new StringBuilder();
      values.forEach((strategy, keys) -> new java.util.TreeMap<>(keys).forEach((key, value) ->
          label.append(label.length() == 0 ? "" : " ").append(strategy).append('.').append(key).append('=')
              .append(value)));
      return label.length() == 0 ? "(as configured)" : label.toString();
    }

    /** The configured strategies with this set's values in place. */
    public List<StrategySettings> apply(List<StrategySettings> configured) {
      for (String name : values.keySet()) {
        if (configured.stream().noneMatch(s -> s.name().equals(name))) {
          throw new IllegalArgumentException("sweep: no strategy is named '" + name + "'");
        }
      }
      return configured.stream().map(s -> values.containsKey(s.name()) ? with(s, values.get(s.name())) : s).toList();
    }
  }

  private SweepGrid() {
  }

  /** A file holding the JSON, or the JSON itself (as {@code -conf} takes either). */
  public static List<ParameterSet> parse(String fileOrJson) {
    String json = fileOrJson.trim();
    if (!json.startsWith("{") && !json.startsWith("[")) {
      try {
        json = Files.readString(Path.of(fileOrJson));
      } catch (IOException e) {
        throw new IllegalArgumentException("--sweep: cannot read " + fileOrJson + ": " + e.getMessage());
      }
    }
    JsonNode root;
    try {
      root = ContractJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("--sweep: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    List<ParameterSet> sets = root.isArray() ? list(root) : root.isObject() ? grid(root) : null;
    if (sets == null || sets.isEmpty()) {
      throw new IllegalArgumentException("--sweep: give an object (a grid) or an array (a list) of parameter sets");
    }
    if (sets.size() > MAX_SETS) {
      throw new IllegalArgumentException("--sweep: " + sets.size() + " parameter sets, more than " + MAX_SETS);
    }
    return sets;
  }

  private static List<ParameterSet> list(JsonNode array) {
    List<ParameterSet> sets = new ArrayList<>();
    for (JsonNode entry : array) {
      Map<String, Map<String, String>> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object(entry, "a list entry").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> strategy = it.next();
        Map<String, String> keys = new LinkedHashMap<>();
        object(strategy.getValue(), strategy.getKey()).fields().forEachRemaining(k -> keys.put(k.getKey(),
            scalar(k.getValue(), strategy.getKey() + "." + k.getKey())));
        values.put(strategy.getKey(), keys);
      }
      sets.add(new ParameterSet(values));
    }
    return sets;
  }

  private static List<ParameterSet> grid(JsonNode root) {
    List<String[]> axes = new ArrayList<>();
    List<List<String>> choices = new ArrayList<>();
    root.fields().forEachRemaining(strategy -> object(strategy.getValue(), strategy.getKey()).fields()
        .forEachRemaining(key -> {
          axes.add(new String[] {strategy.getKey(), key.getKey()});
          List<String> values = new ArrayList<>();
          String where = strategy.getKey() + "." + key.getKey();
          if (key.getValue().isArray()) {
            key.getValue().forEach(v -> values.add(scalar(v, where)));
          } else {
            values.add(scalar(key.getValue(), where));
          }
          if (values.isEmpty()) {
            throw new IllegalArgumentException("--sweep: " + where + " lists no value");
          }
          choices.add(values);
        }));
    long combinations = 1;
    for (List<String> c : choices) {
      combinations *= c.size();
      if (combinations > MAX_SETS) {
        throw new IllegalArgumentException("--sweep: the grid has more than " + MAX_SETS + " combinations");
      }
    }
    List<ParameterSet> sets = new ArrayList<>();
    int[] index = new int[axes.size()];
    for (long n = 0; n < combinations; n++) {
      Map<String, Map<String, String>> values = new LinkedHashMap<>();
      for (int a = 0; a < axes.size(); a++) {
        values.computeIfAbsent(axes.get(a)[0], k -> new LinkedHashMap<>()).put(axes.get(a)[1],
            choices.get(a).get(index[a]));
      }
      sets.add(new ParameterSet(values));
      for (int a = axes.size() - 1; a >= 0; a--) {
        if (++index[a] < choices.get(a).size()) {
          break;
        }
        index[a] = 0;
      }
    }
    return sets;
  }

  private static JsonNode object(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("--sweep: " + where + " must be an object of strategy keys");
    }
    return node;
  }

  private static String scalar(JsonNode node, String where) {
    if (!node.isValueNode() || node.isNull()) {
      throw new IllegalArgumentException("--sweep: " + where + " must be a number or a string");
    }
    return node.asText();
  }

  static StrategySettings with(StrategySettings s, Map<String, String> keys) {
    if (s instanceof StrategySettings.MaCrossover ma) {
      known(keys, ma.name(), List.of("fast", "slow", "quantity"));
      return new StrategySettings.MaCrossover(ma.name(), ma.symbols(), integer(keys, "fast", ma.fast()),
          integer(keys, "slow", ma.slow()), decimal(keys, "quantity", ma.quantity()));
    }
    StrategySettings.MeanReversion mr = (StrategySettings.MeanReversion) s;
    known(keys, mr.name(), List.of("window", "entryZ", "exitZ", "quantity"));
    return new StrategySettings.MeanReversion(mr.name(), mr.symbols(), integer(keys, "window", mr.window()),
        decimal(keys, "entryZ", mr.entryZ()), decimal(keys, "exitZ", mr.exitZ()),
        decimal(keys, "quantity", mr.quantity()));
  }

  private static void known(Map<String, String> keys, String strategy, List<String> allowed) {
    for (String key : keys.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("--sweep: strategy '" + strategy + "' has no key '" + key + "' (its keys: "
            + String.join(", ", allowed) + ")");
      }
    }
  }

  private static int integer(Map<String, String> keys, String key, int configured) {
    String value = keys.get(key);
    try {
      return value == null ? configured : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sweep: " + key + " must be a whole number, got '" + value + "'");
    }
  }

  private static Fixed decimal(Map<String, String> keys, String key, Fixed configured) {
    String value = keys.get(key);
    try {
      return value == null ? configured : Fixed.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sweep: " + key + ": " + e.getMessage());
    }
  }
}
