package io.tradingrt.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over random key names: whatever a section does not know is refused, naming its path; a guess is a known key. */
class ConfigLoaderProperties {

  private static final Map<String, Object> DEFAULTS = ConfigLoader.defaults();

  @Provide
  Arbitrary<String> sections() {
    return Arbitraries.of("", "ingest", "bars", "instruments.default", "risk", "execution", "portfolio", "storage",
        "storage.retention", "http", "metrics");
  }

  @Property(tries = 300)
  void aKeyASectionDoesNotKnowIsRefusedWithItsFullPath(@ForAll("sections") String section,
                                                        @ForAll @AlphaChars @StringLength(min = 1, max = 24)
                                                        String key) {
    Map<String, Object> known = section(DEFAULTS, section);
    Assume.that(!known.containsKey(key));
    Map<String, Object> override = new LinkedHashMap<>();
    Map<String, Object> node = override;
    if (!section.isEmpty()) {
      for (String part : section.split("\\.")) {
        Map<String, Object> child = new LinkedHashMap<>();
        node.put(part, child);
        node = child;
      }
    }
    node.put(key, 1);
    String path = section.isEmpty() ? key : section + "." + key;

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(override, Map.of()));

    assertTrue(e.getMessage().startsWith("unknown configuration key " + path), e.getMessage());
    String prefix = "unknown configuration key " + path + "; did you mean " + (section.isEmpty() ? "" : section + ".");
    if (!e.getMessage().equals("unknown configuration key " + path)) {
      assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().endsWith("?"), e.getMessage());
      String guess = e.getMessage().substring(prefix.length(), e.getMessage().length() - 1);
      assertTrue(known.containsKey(guess), guess + " is a key of " + section);
      assertTrue(NearestKey.distance(guess.toLowerCase(), key.toLowerCase()) <= NearestKey.MAX_DISTANCE, guess);
    }
  }

  @Property(tries = 200)
  void anEnvironmentNameNoKeyMatchesIsRefused(@ForAll("sections") String section,
                                              @ForAll @AlphaChars @StringLength(min = 1, max = 24) String key) {
    Assume.that(!section.startsWith("instruments"));
    Map<String, Object> known = section(DEFAULTS, section);
    Assume.that(known.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(key)));
    String variable = Environment.PREFIX + (section.isEmpty() ? "" : section.replace(".", "__") + "__") + key;

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), Map.of(variable, "1")));

    assertTrue(e.getMessage().startsWith("unknown configuration key ") && e.getMessage().contains(" in " + variable),
        e.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> root, String path) {
    Map<String, Object> node = root;
    if (!path.isEmpty()) {
      for (String part : path.split("\\.")) {
        node = (Map<String, Object>) node.get(part);
      }
    }
    return node;
  }
}
