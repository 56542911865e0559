package io.tradingrt.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.config.ConfigException;
import io.tradingrt.config.ExecutionSettings;
import io.tradingrt.config.StrategySettings;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.signal.StrategyFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A backtest asked for over {@code POST /api/backtests} (docs/backtest.md), checked once, on the node that knows the
 * configured strategies: every key known, every value bounded, every path inside the backtest data directory. What
 * passes is a {@link BacktestSpec} (the configured sections with the request's strategies, cash and latency), the
 * ticks' range and source, and the sweep's parameter sets if any. A refusal is a {@link Refused} with one sentence.
 */
public record BacktestRequest(TickRange range, BacktestSpec spec, Source source, List<SweepGrid.ParameterSet> sweep) {
  public static final int MAX_STRATEGIES = 16;
  public static final int MAX_SYMBOLS = 64;
  public static final int MAX_SWEEP_SETS = 256;
  /** The longest moving-average or z-score window a request may ask for: each window is an array per symbol. */
  public static final int MAX_WINDOW = 100_000;
  public static final long MAX_LATENCY_MICROS = 60_000_000L;
  /** Backtest tables store DECIMAL(18,8): ten integer digits, so cash stays well below them. */
  public static final Fixed MAX_INITIAL_CASH = Fixed.of(1_000_000_000L);
  static final long MAX_TIME_MICROS = 253_402_300_799_999_999L;
  private static final int MAX_PATH_LENGTH = 256;
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*-]+");
  private static final List<String> KEYS = List.of("from", "to", "symbols", "strategies", "source", "initialCash",
      "latencyMicros", "sweep");
  private static final ObjectReader READER = ContractJson.mapper().reader()
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).forType(Object.class);

  public BacktestRequest {
    sweep = sweep == null ? null : List.copyOf(sweep);
  }

  /** Where the ticks come from: the runtime's own stored ticks ({@code db}), or a file of the data directory. */
  public record Source(String kind, Path path) {
    public String describe() {
      return path == null ? kind : kind + ":" + path.getFileName();
    }
  }

  /** A request refused at the edge: the message says what to send instead. */
  public static final class Refused extends IllegalArgumentException {
    public Refused(String message) {
      super(message);
    }
  }

  /**
   * @param json       the request body
   * @param configured the runtime's own sections (strategies, instruments, risk, execution, cash, bars)
   * @param dataRoot   the directory csv and parquet sources must lie in
   */
  @SuppressWarnings("unchecked")
  public static BacktestRequest parse(String json, BacktestSpec configured, Path dataRoot) {
    Object tree;
    try {
      // no body is the empty request: the configured strategies over every stored tick
      tree = json == null || json.isBlank() ? Map.of() : READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new Refused("the body is not JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new Refused("the body is not JSON");
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new Refused("the body must be a JSON object, e.g. {\"from\": \"2024-01-02\", \"to\": \"2024-01-03\"}");
    }
    Map<String, Object> body = (Map<String, Object>) map;
    for (String key : body.keySet()) {
      if (!KEYS.contains(key)) {
        throw new Refused("unknown key '" + shown(key) + "' (the keys are " + String.join(", ", KEYS) + ")");
      }
    }
    long from = time(body.get("from"), "from", Long.MIN_VALUE);
    long to = time(body.get("to"), "to", Long.MAX_VALUE);
    if (from >= to) {
      throw new Refused("'from' must be before 'to'");
    }
    TickRange range = new TickRange(from, to, Set.copyOf(names(body.get("symbols"), "symbols",
        ContractInput.MAX_SYMBOL_LENGTH, true)));
    List<StrategySettings> strategies = strategies(body.get("strategies"), configured.strategies());
    Fixed cash = cash(body.get("initialCash"), configured.initialCash());
    ExecutionSettings e = configured.execution();
    long latency = whole(body.get("latencyMicros"), "latencyMicros", e.latencyMicros(), 0, MAX_LATENCY_MICROS);
    BacktestSpec spec;
    try {
      spec = new BacktestSpec(strategies, configured.instruments(), configured.risk(), new ExecutionSettings(
          e.venue(), e.slippageBps(), e.feeBps(), e.minFee(), latency, e.storageTimeoutMs(), e.logAcks()), cash,
          configured.timeframes(), configured.curveIntervalMicros(), configured.curvePoints());
    } catch (IllegalArgumentException refused) {
      throw new Refused(refused.getMessage());
    }
    return new BacktestRequest(range, spec, source(body.get("source"), dataRoot), sweep(body.get("sweep"), spec));
  }

  private static List<StrategySettings> strategies(Object value, List<StrategySettings> configured) {
    if (value == null) {
      return configured;
    }
    if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_STRATEGIES) {
      throw new Refused("'strategies' must be a list of 1 to " + MAX_STRATEGIES + " strategies: names of configured "
          + "ones (\"momentum\"), a name with overrides ({\"name\": \"momentum\", \"fast\": 3}) or whole "
          + "definitions as in runtime.json ({\"name\", \"type\", \"symbols\", ...})");
    }
    List<StrategySettings> strategies = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      strategies.add(checked(strategy(list.get(i), "strategies[" + i + "]", configured)));
    }
    return strategies;
  }

  @SuppressWarnings("unchecked")
  private static StrategySettings strategy(Object entry, String where, List<StrategySettings> configured) {
    if (entry instanceof String name) {
      return configured(name, where, configured);
    }
    if (!(entry instanceof Map<?, ?> map)) {
      throw new Refused(where + " must be a strategy's name or an object");
    }
    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) map);
    if (!values.containsKey("type")) {
      if (!(values.get("name") instanceof String name)) {
        throw new Refused(where + " needs a 'name' (a configured strategy) or a 'type' (" + String.join(", ",
            StrategySettings.TYPES) + ")");
      }
      Map<String, Object> merged = asMap(configured(name, where, configured));
      merged.putAll(values);
      values = merged;
    }
    try {
      return StrategySettings.fromJson(values, where);
    } catch (ConfigException e) {
      throw new Refused(e.getMessage());
    }
  }

  private static StrategySettings configured(String name, String where, List<StrategySettings> configured) {
    return configured.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new Refused(
        where + ": no configured strategy is named '" + shown(name) + "' (configured: "
            + String.join(", ", configured.stream().map(StrategySettings::name).toList()) + ")"));
  }

  /** A configured strategy as runtime.json writes it, so overrides merge key by key and are read by the loader. */
  private static Map<String, Object> asMap(StrategySettings s) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", s.name());
    map.put("symbols", s.symbols());
    if (s instanceof StrategySettings.MaCrossover ma) {
      map.put("type", StrategySettings.MaCrossover.TYPE);
      map.put("fast", ma.fast());
      map.put("slow", ma.slow());
      map.put("quantity", ma.quantity().toString());
    } else if (s instanceof StrategySettings.MeanReversion mr) {
      map.put("type", StrategySettings.MeanReversion.TYPE);
      map.put("window", mr.window());
      map.put("entryZ", mr.entryZ().toString());
      map.put("exitZ", mr.exitZ().toString());
      map.put("quantity", mr.quantity().toString());
    }
    return map;
  }

  /** Names and symbols bounded like every id at the edge; windows bounded so no request allocates without limit. */
  static StrategySettings checked(StrategySettings s) {
    String where = "strategy '" + shown(s.name()) + "'";
    if (!ContractInput.isName(s.name(), ContractInput.MAX_ID_LENGTH)) {
      throw new Refused("a strategy's name must be 1 to " + ContractInput.MAX_ID_LENGTH
          + " letters, digits or . _ : / -");
    }
    names(s.symbols(), where + ": symbols", ContractInput.MAX_SYMBOL_LENGTH, false);
    int window = s instanceof StrategySettings.MaCrossover ma ? Math.max(ma.fast(), ma.slow())
        : ((StrategySettings.MeanReversion) s).window();
    if (window > MAX_WINDOW) {
      throw new Refused(where + ": windows are at most " + MAX_WINDOW + " ticks, got " + window);
    }
    try {
      StrategyFactory.create(s);
    } catch (IllegalArgumentException e) {
      throw new Refused(where + ": " + e.getMessage());
    }
    return s;
  }

  private static List<String> names(Object value, String key, int maxLength, boolean emptyAllowed) {
    if (value == null && emptyAllowed) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.size() > MAX_SYMBOLS || !emptyAllowed && list.isEmpty()) {
      throw new Refused("'" + key + "' must be a list of " + (emptyAllowed ? "0" : "1") + " to " + MAX_SYMBOLS
          + " symbols");
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object item : list) {
      if (!(item instanceof String name) || !ContractInput.isName(name, maxLength)) {
        throw new Refused("'" + key + "' holds symbols of 1 to " + maxLength + " letters, digits or . _ : / -, not "
            + shown(String.valueOf(item)));
      }
      if (seen.add(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static Fixed cash(Object value, Fixed configured) {
    if (value == null) {
      return configured;
    }
    Fixed cash;
    try {
      cash = value instanceof String s ? Fixed.of(s) : value instanceof BigDecimal d ? Fixed.of(d)
          : value instanceof Integer || value instanceof Long || value instanceof BigInteger
          ? Fixed.of(new BigDecimal(value.toString())) : null;
    } catch (IllegalArgumentException | ArithmeticException e) {
      cash = null;
    }
    if (cash == null || !cash.isPositive() || cash.compareTo(MAX_INITIAL_CASH) > 0) {
      throw new Refused("'initialCash' must be a positive decimal string up to " + MAX_INITIAL_CASH + " with at most "
          + Fixed.SCALE + " fractional digits, e.g. \"100000\"");
    }
    return cash;
  }

  private static long whole(Object value, String key, long absent, long min, long max) {
    if (value == null) {
      return absent;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min
        && ((Number) value).longValue() <= max) {
      return ((Number) value).longValue();
    }
    throw new Refused("'" + key + "' must be a whole number from " + min + " to " + max);
  }

  /** A date (its UTC midnight), an ISO-8601 instant or epoch microseconds, as the CLI's --from and --to. */
  static long time(Object value, String key, long absent) {
    if (value == null) {
      return absent;
    }
    long micros = -1;
    if (value instanceof Integer || value instanceof Long) {
      micros = ((Number) value).longValue();
    } else if (value instanceof String text && text.length() <= 40) {
      try {
        if (text.length() == 10) {
          micros = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        } else {
          Instant instant = Instant.parse(text);
          micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        }
      } catch (DateTimeParseException | ArithmeticException e) {
        micros = -1;
      }
    }
    if (micros < 0 || micros > MAX_TIME_MICROS) {
      throw new Refused("'" + key + "' must be a date (2024-01-02), an ISO-8601 instant (2024-01-02T14:30:00Z) or "
          + "epoch microseconds from 0 to " + MAX_TIME_MICROS);
    }
    return micros;
  }

  /**
   * {@code {"kind": "db"}} (the default), or {@code {"kind": "csv"|"parquet", "path": "..."}} with a path relative
   * to the data directory: no absolute paths, no {@code ..}, no link out of it; parquet may glob its file name.
   */
  @SuppressWarnings("unchecked")
  private static Source source(Object value, Path dataRoot) {
    if (value == null) {
      return new Source("db", null);
    }
    String usage = "'source' is {\"kind\": \"db\"}, {\"kind\": \"csv\", \"path\": \"FILE\"} or {\"kind\": "
        + "\"parquet\", \"path\": \"FILE|GLOB\"}, with paths relative to the backtest data directory";
    if (!(value instanceof Map<?, ?> map) || !(map.get("kind") instanceof String kind)
        || !List.of("kind", "path").containsAll(map.keySet())) {
      throw new Refused(usage);
    }
    Object path = ((Map<String, Object>) map).get("path");
    switch (kind) {
      case "db" -> {
        if (path != null) {
          throw new Refused("a db source reads this runtime's own stored ticks and takes no 'path'");
        }
        return new Source("db", null);
      }
      case "csv", "parquet" -> {
        return new Source(kind, dataPath(path, kind, dataRoot));
      }
      default -> throw new Refused(usage);
    }
  }

  private static Path dataPath(Object value, String kind, Path dataRoot) {
    if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_PATH_LENGTH
        || !PATH.matcher(text.replace('*', 'x')).matches() || text.startsWith("/")) {
      throw new Refused("a " + kind + " source needs a 'path' relative to the backtest data directory: 1 to "
          + MAX_PATH_LENGTH + " letters, digits or . _ / -" + ("parquet".equals(kind) ? " (and * in the file name)"
          : ""));
    }
    String[] parts = text.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.isEmpty() || part.equals(".") || part.equals("..")
          || part.contains("*") && (!last || !"parquet".equals(kind) || !GLOB.matcher(part).matches())) {
        throw new Refused("the " + kind + " path '" + shown(text) + "' must stay inside the backtest data directory"
            + " (no '..', no empty or '.' parts" + ("parquet".equals(kind) ? ", * only in the file name)" : ")"));
      }
    }
    Path root = dataRoot.toAbsolutePath().normalize();
    Path resolved = root.resolve(text).normalize();
    Path existing = text.contains("*") ? resolved.getParent() : resolved;
    try {
      Path real = existing.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw new Refused("the " + kind + " path '" + shown(text) + "' leads out of the backtest data directory");
      }
      if (!text.contains("*") && !Files.isRegularFile(real)) {
        throw new Refused("the " + kind + " path '" + shown(text) + "' is not a file");
      }
    } catch (IOException e) {
      throw new Refused("no " + kind + " file '" + shown(text) + "' in the backtest data directory");
    }
    return resolved;
  }

  private static List<SweepGrid.ParameterSet> sweep(Object value, BacktestSpec spec) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
      throw new Refused("'sweep' is an object (a grid: {\"momentum\": {\"fast\": [3, 5]}}) or a list of parameter "
          + "sets");
    }
    List<SweepGrid.ParameterSet> sets;
    try {
      // always JSON text starting with { or [, so SweepGrid never reads it as a file name
      sets = SweepGrid.parse(ContractJson.write(value));
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage().replace("--sweep: ", "sweep: "));
    }
    if (sets.size() > MAX_SWEEP_SETS) {
      throw new Refused("sweep: " + sets.size() + " parameter sets, more than the " + MAX_SWEEP_SETS
          + " a request may run");
    }
    for (SweepGrid.ParameterSet set : sets) {
      try {
        set.apply(spec.strategies()).forEach(BacktestRequest::checked);
      } catch (Refused e) {
        throw new Refused("sweep " + set.label() + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new Refused(e.getMessage().replace("--sweep: ", "sweep: "));
      }
    }
    return sets;
  }

  private static String shown(String text) {
    return io.tradingrt.edge.Printable.escape(text.length() > 64 ? text.substring(0, 64) + "…" : text);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
