package io.tradingrt.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/configuration.md names every key of conf/runtime.json, so the page stays the full list. */
class ConfigurationDocTest {

  @Test
  void theConfigurationPageNamesEveryDefaultKey() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "configuration.md"));
    List<String> missing = new ArrayList<>();
    collect(ConfigLoader.defaults(), "", (path, key) -> {
      boolean named = path.startsWith("strategies[") ? page.contains("`" + key + "`")
          : page.contains("`" + path + "`") || page.contains("`." + key + "`")
          || page.contains("`instruments.<symbol>." + key + "`");
      if (!named) {
        missing.add(path);
      }
    });
    assertEquals(List.of(), missing, "keys of conf/runtime.json missing from docs/configuration.md");
  }

  private interface Visitor {
    void key(String path, String key);
  }

  private static void collect(Object node, String prefix, Visitor visitor) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String path = prefix.isEmpty() ? (String) k : prefix + "." + k;
        visitor.key(path, (String) k);
        collect(v, path, visitor);
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(list.get(i), prefix + "[" + i + "]", visitor);
      }
    }
  }
}
