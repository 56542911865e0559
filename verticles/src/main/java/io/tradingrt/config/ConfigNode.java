package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One object of the merged configuration tree, read by typed getters that name the full path in every error. The
 * keys a section reads are its known keys: {@link #finish()} refuses any other, suggesting the nearest known one.
 * A value that came from the environment is an {@link EnvText} and is parsed as the type the getter asks for.
 */
final class ConfigNode {

  /** A value set from an environment variable: text until a getter gives it a type. */
  record EnvText(String variable, String text) {
  }

  private final String path;
  private final Map<String, Object> values;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigNode(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Set<String> keys() {
    return values.keySet();
  }

  String text(String key) {
    Object value = value(key);
    if (value instanceof EnvText env) {
      return env.text();
    }
    if (value instanceof String s) {
      return s;
    }
    throw wrongType(key, value, "a JSON string");
  }

  long integer(String key) {
    Object value = value(key);
    if (value instanceof EnvText env) {
      try {
        return Long.parseLong(env.text());
      } catch (NumberFormatException e) {
        throw wrongType(key, value, "a whole number");
      }
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    throw wrongType(key, value, "a whole number (JSON integer)");
  }

  int int32(String key) {
    long value = integer(key);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ConfigException(path(key) + " must be at most " + Integer.MAX_VALUE + ", got " + value);
    }
    return (int) value;
  }

  boolean bool(String key) {
    Boolean value = optionalBool(key);
    if (value == null) {
      throw wrongType(key, null, "true or false");
    }
    return value;
  }

  /** true, false, or null where the defaults leave the choice to another key (documented per key). */
  Boolean optionalBool(String key) {
    Object value = value(key);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof EnvText env && List.of("true", "false").contains(env.text().toLowerCase(Locale.ROOT))) {
      return Boolean.parseBoolean(env.text());
    }
    throw wrongType(key, value, "true or false");
  }

  /** Money, prices and quantities: a decimal string as in runtime.json (a JSON number is taken by its exact text). */
  Fixed decimal(String key) {
    Object value = value(key);
    String text;
    if (value instanceof EnvText env) {
      text = env.text();
    } else if (value instanceof String s) {
      text = s;
    } else if (value instanceof BigDecimal || value instanceof Integer || value instanceof Long
        || value instanceof BigInteger) {
      text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    } else {
      throw wrongType(key, value, "a decimal string such as \"100.5\"");
    }
    try {
      return Fixed.of(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw wrongType(key, value, "a decimal string with at most " + Fixed.SCALE + " fractional digits");
    }
  }

  <E extends Enum<E>> E choice(String key, Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    return Enum.valueOf(type, choice(key, names));
  }

  String choice(String key, List<String> allowed) {
    String value = text(key);
    if (!allowed.contains(value)) {
      String hint = NearestKey.among(value, allowed).map(near -> " (did you mean " + near + "?)").orElse("");
      throw new ConfigException(path(key) + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'"
          + hint);
    }
    return value;
  }

  /** A JSON array of strings; from the environment, a comma-separated list. */
  List<String> strings(String key) {
    Object value = value(key);
    if (value instanceof EnvText env) {
      return Arrays.stream(env.text().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw wrongType(key, value, "a JSON array of strings");
  }

  ConfigNode object(String key) {
    return new ConfigNode(path(key), map(key, value(key)));
  }

  /** A JSON array of objects, each read as its own node ({@code key[0]}, {@code key[1]}, …). */
  List<ConfigNode> objects(String key) {
    Object value = value(key);
    if (!(value instanceof List<?> list)) {
      throw wrongType(key, value, "a JSON array of objects");
    }
    List<ConfigNode> nodes = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      nodes.add(new ConfigNode(path(key) + "[" + i + "]", map(key + "[" + i + "]", list.get(i))));
    }
    return nodes;
  }

  /** A JSON object whose keys are names chosen by the user (symbols): every entry is read as its own node. */
  Map<String, ConfigNode> entries(String key) {
    ConfigNode parent = object(key);
    Map<String, ConfigNode> nodes = new LinkedHashMap<>();
    for (String name : parent.values.keySet()) {
      nodes.put(name, new ConfigNode(parent.path(name), parent.map(name, parent.values.get(name))));
    }
    return nodes;
  }

  /** Refuses every key no getter asked for, with the nearest known key when one is close. */
  void finish() {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw unknown(key, NearestKey.among(key, known).orElse(null));
      }
    }
  }

  /** Reads with {@code reader}, then {@link #finish()}es; a record's own check becomes a one-line error too. */
  <T> T read(Function<ConfigNode, T> reader) {
    T result = validated(() -> reader.apply(this));
    finish();
    return result;
  }

  <T> T validated(Supplier<T> construct) {
    try {
      return construct.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException((path.isEmpty() ? "" : path + ": ") + e.getMessage());
    }
  }

  ConfigException unknown(String key, String nearest) {
    return new ConfigException("unknown configuration key " + path(key)
        + (nearest == null ? "" : "; did you mean " + path(nearest) + "?"));
  }

  private Object value(String key) {
    known.add(key);
    if (!values.containsKey(key)) {
      // a missing key next to a near-miss is a typo: name the typo, not the key it hid
      for (String present : values.keySet()) {
        if (!known.contains(present) && NearestKey.distance(present.toLowerCase(Locale.ROOT),
            key.toLowerCase(Locale.ROOT)) <= NearestKey.MAX_DISTANCE) {
          throw unknown(present, key);
        }
      }
      throw new ConfigException(path(key) + " is missing");
    }
    return values.get(key);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(String key, Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw wrongType(key, value, "a JSON object");
  }

  private ConfigException wrongType(String key, Object value, String expected) {
    if (value instanceof EnvText env) {
      return new ConfigException(env.variable() + " (" + path(key) + ") must be " + expected + ", got '" + env.text()
          + "'");
    }
    return new ConfigException(path(key) + " must be " + expected + ", got " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return value instanceof Map<?, ?> ? "an object" : "an array";
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return "the number " + (value instanceof BigDecimal d ? d.toPlainString() : value);
  }
}
