package io.tradingrt.launcher;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.ConfigException;
import io.tradingrt.config.ConfigLoader;
import io.tradingrt.config.RuntimeSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeConfigTest {

  @Test
  void overrideMergesDeeplyAndKeepsUntouchedDefaults() {
    RuntimeSettings config = RuntimeConfig.load(new JsonObject().put("ingest",
        new JsonObject().put("ticksPerSecond", 7)), Map.of());
    assertEquals(7, config.ingest().ticksPerSecond());
    assertEquals("simulated", config.ingest().feed());
    assertEquals(Fixed.of(100_000), config.risk().maxOrderNotional());
  }

  @Test
  void environmentWinsOverConfAndIsTypedLikeTheDefault() {
    RuntimeSettings config = RuntimeConfig.load(new JsonObject().put("ingest",
        new JsonObject().put("ticksPerSecond", 7)),
        Map.of("TRT_TICKS_PER_SECOND", "250", "TRT_SYMBOLS", "X, Y", "TRT_TOKEN", "s3cret"));
    assertEquals(250L, config.ingest().ticksPerSecond());
    assertEquals(List.of("X", "Y"), config.ingest().symbols());
    assertEquals("s3cret", config.http().token());
  }

  @Test
  void theConfArgumentIsInlineJsonOrAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"http\": {\"port\": 9090}}");
    assertEquals(9090, RuntimeConfig.load(file.toString(), Map.of()).http().port());
    assertEquals(9191, RuntimeConfig.load("{\"http\": {\"port\": 9191}}", Map.of()).http().port());
    assertEquals(8080, RuntimeConfig.load((String) null, Map.of()).http().port());
  }

  @Test
  void badNumbersInTheEnvironmentNameTheVariable() {
    var e = assertThrows(ConfigException.class,
        () -> RuntimeConfig.load(new JsonObject(), Map.of("TRT_HTTP_PORT", "eighty")));
    assertTrue(e.getMessage().contains("TRT_HTTP_PORT"), e.getMessage());
  }

  @Test
  void malformedConfIsOneLineNamingTheSource() {
    var e = assertThrows(ConfigException.class, () -> ConfigLoader.parseOverride("{\"a\": "));
    assertTrue(e.getMessage().startsWith("malformed config in -conf JSON"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void unknownOptionsAreRefusedAndConfIsTakenForOurLoader() {
    var parsed = LaunchArguments.parse(new String[] {"-cluster", "-conf", "x.json", "-cluster-host", "127.0.0.1"});
    assertTrue(parsed.cluster());
    assertEquals("x.json", parsed.conf());
    assertEquals(List.of("-cluster", "-cluster-host", "127.0.0.1"), parsed.vertxArgs());
    var e = assertThrows(ConfigException.class, () -> LaunchArguments.parse(new String[] {"-clustr"}));
    assertTrue(e.getMessage().contains("'-clustr'"), e.getMessage());
    assertThrows(ConfigException.class, () -> LaunchArguments.parse(new String[] {"-conf"}));
  }
}
