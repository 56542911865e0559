package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.TradingState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader on its own: typed sections from the defaults, and one line for every key or value it refuses. */
class ConfigLoaderTest {

  @Test
  void theBundledDefaultsLoadIntoEverySection() {
    RuntimeSettings s = RuntimeSettings.defaults();

    assertEquals(List.of("storage", "portfolio", "execution", "risk", "signal", "bars", "metrics", "http", "bridge",
        "ingest"), s.roles());
    assertNull(s.persist());
    assertTrue(s.persists(), "a node with the storage role persists");
    assertEquals(50, s.ingest().ticksPerSecond());
    assertEquals(List.of("1s", "1m"), s.bars().timeframes());
    assertEquals(Fixed.of("0.01"), s.instruments().get("default").tickSize());
    assertInstanceOf(StrategySettings.MaCrossover.class, s.strategies().get(0));
    assertInstanceOf(StrategySettings.MeanReversion.class, s.strategies().get(1));
    assertEquals(Fixed.of(100_000), s.risk().maxOrderNotional());
    assertEquals(TradingState.HALTED, s.risk().dailyLossAction());
    assertEquals(10_000, s.risk().storageTimeoutMs());
    assertEquals(Fixed.of("0.01"), s.execution().minFee());
    assertEquals(Fixed.of(1_000_000), s.initialCash());
    assertEquals(365, s.storage().retention().coldDays());
    assertEquals(8080, s.http().port());
    assertNull(s.http().expectStorage());
    assertEquals(100, s.metrics().liveIntervalMs());
  }

  @Test
  void theIssueExampleNamesThePathAndTheKeyItMeant() {
    ConfigException e = refused("{\"risk\": {\"maxOrderNotionl\": \"1\"}}");
    assertEquals("unknown configuration key risk.maxOrderNotionl; did you mean risk.maxOrderNotional?",
        e.getMessage());
  }

  /** Every key of every section, misspelt by one dropped letter, is refused and its own name suggested. */
  @Test
  void aMisspeltKeyInEverySectionIsRefusedWithTheNearestKnownKey() {
    Map<String, Object> defaults = ConfigLoader.defaults();
    List<String> checked = new ArrayList<>();
    for (String path : leafAndSectionPaths(defaults, "")) {
      String key = path.substring(path.lastIndexOf('.') + 1).replaceFirst("^.*\\]", "");
      if (key.length() < 4 || path.equals("instruments.default")) {
        continue;
      }
      String typo = key.substring(0, 1) + key.substring(2);
      String typoPath = path.substring(0, path.length() - key.length()) + typo;
      Map<String, Object> override = renamed(ConfigLoader.defaults(), path, typo);
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(override, Map.of()), path);
      assertEquals("unknown configuration key " + typoPath + "; did you mean " + path + "?", e.getMessage());
      checked.add(path);
    }
    for (String section : List.of("roles", "persist", "ingest.", "bars.", "instruments.default.", "strategies[0].",
        "strategies[1].", "risk.", "execution.", "portfolio.", "storage.", "storage.retention.", "http.", "metrics.")) {
      assertTrue(checked.stream().anyMatch(p -> p.startsWith(section)), "covers " + section + ": " + checked);
    }
  }

  @Test
  void aKeyNothingResemblesIsRefusedWithoutAGuess() {
    assertEquals("unknown configuration key metrics.colour", refused("{\"metrics\": {\"colour\": 1}}").getMessage());
    assertEquals("unknown configuration key dashboard", refused("{\"dashboard\": {}}").getMessage());
  }

  @Test
  void instrumentsAreKeyedBySymbolAndEachEntryHasTheKeysOfDefault() {
    RuntimeSettings s = RuntimeSettings.of("{\"instruments\": {\"BTC\": {\"tickSize\": \"0.5\", \"lotSize\": "
        + "\"0.001\", \"minQuantity\": \"0.001\", \"maxQuantity\": \"10\", \"minPrice\": \"1\", \"maxPrice\": "
        + "\"1000000\"}}}");
    assertEquals(Fixed.of("0.5"), s.instruments().get("BTC").tickSize());
    assertEquals(Fixed.of("0.01"), s.instruments().get("default").tickSize());

    assertEquals("unknown configuration key instruments.AAPL.tickSise; did you mean instruments.AAPL.tickSize?",
        refused("{\"instruments\": {\"AAPL\": {\"tickSise\": \"0.05\"}}}").getMessage());
    assertEquals("instruments.AAPL.lotSize is missing",
        refused("{\"instruments\": {\"AAPL\": {\"tickSize\": \"0.05\"}}}").getMessage());
  }

  @Test
  void strategiesAreValidatedByTheirType() {
    String ma = "{\"name\": \"m\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\"], \"fast\": 2, \"slow\": 5, "
        + "\"quantity\": \"1\"";
    assertEquals("unknown configuration key strategies[0].window",
        refused("{\"strategies\": [" + ma + ", \"window\": 30}]}").getMessage());
    assertEquals("strategies[0].type must be one of ma-crossover, mean-reversion, got 'ma-crosover' "
        + "(did you mean ma-crossover?)",
        refused("{\"strategies\": [" + ma.replace("ma-crossover", "ma-crosover") + "}]}").getMessage());
    assertEquals("strategies[0].slow is missing",
        refused("{\"strategies\": [" + ma.replace(", \"slow\": 5", "") + "}]}").getMessage());
    assertEquals("unknown configuration key strategies[0].slwo; did you mean strategies[0].slow?",
        refused("{\"strategies\": [" + ma.replace("\"slow\"", "\"slwo\"") + "}]}").getMessage());
    assertEquals("two strategies are named 'm'",
        refused("{\"strategies\": [" + ma + "}, " + ma + "}]}").getMessage());
  }

  @Test
  void aWronglyTypedValueNamesThePathAndTheTypeItTakes() {
    assertEquals("risk.throttleGlobal must be a whole number (JSON integer), got the string \"200\"",
        refused("{\"risk\": {\"throttleGlobal\": \"200\"}}").getMessage());
    assertEquals("risk.maxOrderNotional must be a decimal string such as \"100.5\", got true",
        refused("{\"risk\": {\"maxOrderNotional\": true}}").getMessage());
    assertEquals("risk.maxOrderNotional must be a decimal string with at most 8 fractional digits, got the string "
        + "\"lots\"", refused("{\"risk\": {\"maxOrderNotional\": \"lots\"}}").getMessage());
    assertEquals("risk.dailyLossAction must be one of ACTIVE, REDUCING, HALTED, got 'HALT' (did you mean HALTED?)",
        refused("{\"risk\": {\"dailyLossAction\": \"HALT\"}}").getMessage());
    assertEquals("ingest.symbols must be a JSON array of strings, got the string \"AAPL\"",
        refused("{\"ingest\": {\"symbols\": \"AAPL\"}}").getMessage());
    assertEquals("storage.retention must be a JSON object, got the number 7",
        refused("{\"storage\": {\"retention\": 7}}").getMessage());
    assertEquals("http.port must be at most 2147483647, got 99999999999",
        refused("{\"http\": {\"port\": 99999999999}}").getMessage());
    assertEquals("risk: storageUnavailableAction must be REDUCING or HALTED",
        refused("{\"risk\": {\"storageUnavailableAction\": \"ACTIVE\"}}").getMessage());
    assertTrue(refused("{\"storage\": {\"retention\": {\"coldDays\": 3}}}").getMessage()
        .startsWith("storage.retention: hotDays must be at least 1 and coldDays (3) not smaller"));
  }

  /** Every key of the defaults, given a value of another JSON type, is refused with its full path. */
  @Test
  void everyKeyRefusesAValueOfAnotherType() {
    Map<String, Object> defaults = ConfigLoader.defaults();
    for (String path : leafAndSectionPaths(defaults, "")) {
      Object current = at(defaults, path);
      Object wrong = current instanceof String ? Map.of() : current instanceof List<?> ? 5 : "x";
      if (current instanceof Map<?, ?> map && map.isEmpty()) {
        continue;
      }
      Map<String, Object> override = ConfigLoader.defaults();
      put(override, path, wrong);
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(override, Map.of()), path);
      assertTrue(e.getMessage().startsWith(path + " must be "), path + ": " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void decimalsMayBeWholeOrExactJsonNumbersAndKeepTheirText() {
    RuntimeSettings s = RuntimeSettings.of("{\"risk\": {\"maxOrderNotional\": 250000, \"maxDrawdown\": 0.1}}");
    assertEquals(Fixed.of(250_000), s.risk().maxOrderNotional());
    assertEquals(Fixed.of("0.1"), s.risk().maxDrawdown());
  }

  @Test
  void anyKeyCanComeFromTheEnvironmentTypedAsTheKeyIs() {
    RuntimeSettings s = ConfigLoader.load(Map.of(), Map.of(
        "TRT__RISK__MAXORDERNOTIONAL", "2500",
        "TRT__risk__throttleglobal", "7",
        "TRT__STORAGE__RETENTION__HOTDAYS", "3",
        "TRT__PERSIST", "false",
        "TRT__HTTP__ALLOWEDORIGINS", "https://a.example, https://b.example",
        "TRT__EXECUTION__LOGACKS", "TRUE",
        "TRT__STRATEGIES__0__FAST", "2",
        "TRT__INSTRUMENTS__DEFAULT__TICKSIZE", "0.05",
        "TRT__RISK__DAILYLOSSACTION", "REDUCING"));
    assertEquals(Fixed.of(2500), s.risk().maxOrderNotional());
    assertEquals(7, s.risk().throttleGlobal());
    assertEquals(3, s.storage().retention().hotDays());
    assertFalse(s.persists());
    assertEquals(List.of("https://a.example", "https://b.example"), s.http().allowedOrigins());
    assertTrue(s.execution().logAcks());
    assertEquals(2, ((StrategySettings.MaCrossover) s.strategies().get(0)).fast());
    assertEquals(Fixed.of("0.05"), s.instruments().get("default").tickSize());
    assertEquals(TradingState.REDUCING, s.risk().dailyLossAction());
  }

  @Test
  void theLongFormWinsOverAShortNameAndBothOverTheConf() {
    RuntimeSettings s = ConfigLoader.load(ConfigLoader.parse("{\"http\": {\"port\": 1}}", "test"),
        Map.of("TRT_HTTP_PORT", "2", "TRT__HTTP__PORT", "3", "TRT_TOKEN", "s3cret"));
    assertEquals(3, s.http().port());
    assertEquals("s3cret", s.http().token());
  }

  @Test
  void anUnknownOrWronglyTypedEnvironmentKeyIsRefusedLikeAConfKey() {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("TRT__RISK__MAXORDERNOTIONL", "1")));
    assertEquals("unknown configuration key risk.MAXORDERNOTIONL in TRT__RISK__MAXORDERNOTIONL; did you mean "
        + "TRT__RISK__MAXORDERNOTIONAL (risk.maxOrderNotional)?", unknown.getMessage());
    ConfigException section = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("TRT__RSIK__MAXORDERNOTIONAL", "1")));
    assertEquals("unknown configuration key RSIK in TRT__RSIK__MAXORDERNOTIONAL; did you mean TRT__RISK (risk)?",
        section.getMessage());
    ConfigException typed = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("TRT__HTTP__PORT", "eighty")));
    assertEquals("TRT__HTTP__PORT (http.port) must be a whole number, got 'eighty'", typed.getMessage());
    ConfigException bool = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("TRT__EXECUTION__LOGACKS", "yes")));
    assertEquals("TRT__EXECUTION__LOGACKS (execution.logAcks) must be true or false, got 'yes'", bool.getMessage());
    ConfigException tooDeep = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("TRT__HTTP__PORT__X", "1")));
    assertEquals("TRT__HTTP__PORT__X names no configuration key: http.port has no keys", tooDeep.getMessage());
  }

  @Test
  void malformedJsonIsOneLineNamingTheSource() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseOverride("{\"risk\": "));
    assertTrue(e.getMessage().startsWith("malformed config in -conf JSON: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals("cannot read config file /nonexistent/x.json: NoSuchFileException",
        assertThrows(ConfigException.class, () -> ConfigLoader.parseOverride("/nonexistent/x.json")).getMessage());
  }

  @Test
  void nearnessCountsASwapOfNeighboursAsOneEdit() {
    assertEquals(1, NearestKey.distance("maxordernotionl", "maxordernotional"));
    assertEquals(1, NearestKey.distance("fsat", "fast"));
    assertEquals(3, NearestKey.distance("abc", ""));
    assertEquals("slow", NearestKey.among("SLWO", List.of("fast", "slow")).orElseThrow());
    assertTrue(NearestKey.among("quantity", List.of("fast", "slow")).isEmpty());
  }

  private static ConfigException refused(String json) {
    return assertThrows(ConfigException.class, () -> RuntimeSettings.of(json));
  }

  /** Every key's path: top-level keys, section keys, nested keys, and keys inside list entries. */
  private static List<String> leafAndSectionPaths(Object node, String prefix) {
    List<String> paths = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String path = prefix.isEmpty() ? (String) k : prefix + "." + k;
        paths.add(path);
        paths.addAll(leafAndSectionPaths(v, path));
      });
    } else if (node instanceof List<?> list && !prefix.equals("roles")) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof Map<?, ?>) {
          paths.addAll(leafAndSectionPaths(list.get(i), prefix + "[" + i + "]"));
        }
      }
    }
    return paths;
  }

  private static Object at(Object root, String path) {
    Object node = root;
    for (String part : parts(path)) {
      node = part.matches("\\d+") ? ((List<?>) node).get(Integer.parseInt(part)) : ((Map<?, ?>) node).get(part);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String path, Object value) {
    List<String> parts = parts(path);
    Object parent = at(root, String.join(".", parts.subList(0, parts.size() - 1)).replaceAll("\\.(\\d+)", "[$1]"));
    String last = parts.get(parts.size() - 1);
    if (parent instanceof List<?> list) {
      ((List<Object>) list).set(Integer.parseInt(last), value);
    } else {
      ((Map<String, Object>) parent).put(last, value);
    }
  }

  /** The tree with the key at {@code path} renamed to {@code typo}, keeping its value and position. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> renamed(Map<String, Object> root, String path, String typo) {
    List<String> parts = parts(path);
    String parentPath = String.join(".", parts.subList(0, parts.size() - 1)).replaceAll("\\.(\\d+)", "[$1]");
    Map<String, Object> parent = (Map<String, Object>) (parts.size() == 1 ? root : at(root, parentPath));
    Map<String, Object> copy = new LinkedHashMap<>();
    String key = parts.get(parts.size() - 1);
    parent.forEach((k, v) -> copy.put(k.equals(key) ? typo : k, v));
    parent.clear();
    parent.putAll(copy);
    return root;
  }

  private static List<String> parts(String path) {
    if (path.isEmpty()) {
      return List.of();
    }
    return List.of(path.replaceAll("\\[(\\d+)\\]", ".$1").split("\\."));
  }
}
