package io.tradingrt.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeConfigTest {

  @Test
  void overrideMergesDeeplyAndKeepsUntouchedDefaults() {
    JsonObject config = RuntimeConfig.load(new JsonObject().put("ingest", new JsonObject().put("ticksPerSecond", 7)),
        Map.of());
    assertEquals(7, config.getJsonObject("ingest").getInteger("ticksPerSecond"));
    assertEquals("simulated", config.getJsonObject("ingest").getString("feed"));
    assertTrue(config.containsKey("risk"));
  }

  @Test
  void environmentWinsOverConfAndIsTypedLikeTheDefault() {
    JsonObject config = RuntimeConfig.load(new JsonObject().put("ingest", new JsonObject().put("ticksPerSecond", 7)),
        Map.of("TRT_TICKS_PER_SECOND", "250", "TRT_SYMBOLS", "X, Y", "TRT_TOKEN", "s3cret"));
    assertEquals(250L, config.getJsonObject("ingest").getLong("ticksPerSecond"));
    assertEquals(new JsonArray(List.of("X", "Y")), config.getJsonObject("ingest").getJsonArray("symbols"));
    assertEquals("s3cret", config.getJsonObject("http").getString("token"));
  }

  @Test
  void badNumbersInTheEnvironmentNameTheVariable() {
    var e = assertThrows(RuntimeConfig.ConfigException.class,
        () -> RuntimeConfig.load(new JsonObject(), Map.of("TRT_HTTP_PORT", "eighty")));
    assertTrue(e.getMessage().contains("TRT_HTTP_PORT"), e.getMessage());
  }

  @Test
  void malformedConfIsOneLineNamingTheSource() {
    var e = assertThrows(RuntimeConfig.ConfigException.class, () -> RuntimeConfig.parseOverride("{\"a\": "));
    assertTrue(e.getMessage().startsWith("malformed config in -conf JSON"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void unknownOptionsAreRefusedAndConfIsTakenForOurLoader() {
    var parsed = LaunchArguments.parse(new String[] {"-cluster", "-conf", "x.json", "-cluster-host", "127.0.0.1"});
    assertTrue(parsed.cluster());
    assertEquals("x.json", parsed.conf());
    assertEquals(List.of("-cluster", "-cluster-host", "127.0.0.1"), parsed.vertxArgs());
    var e = assertThrows(RuntimeConfig.ConfigException.class, () -> LaunchArguments.parse(new String[] {"-clustr"}));
    assertTrue(e.getMessage().contains("'-clustr'"), e.getMessage());
    assertThrows(RuntimeConfig.ConfigException.class, () -> LaunchArguments.parse(new String[] {"-conf"}));
  }
}
