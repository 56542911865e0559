package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Node client (official SockJS bridge client) against a running HTTP stack; runs once `npm ci` was done. */
class NodeClientTest {
  private static final Path DIR = Path.of(System.getProperty("project.root", "..")).resolve("scripts/clients/node");

  @Test
  void watchesMetricsAndHaltsWithTheToken() throws Exception {
    // on CI (.ci/run runs npm ci) a missing install is a failure, not a reason to skip
    Assumptions.assumeTrue(System.getenv("CI") != null || Files.isDirectory(DIR.resolve("node_modules/@vertx")),
        "run npm ci in scripts/clients/node first");
    try (EdgeStack stack = EdgeStack.start().http(new JsonObject()).metrics().trading(100)) {
      String url = "http://127.0.0.1:" + stack.httpPort() + "/eventbus";
      String watched = node(url, null, "watch", "metrics.live", "2");
      List<String> lines = watched.strip().lines().toList();
      assertEquals(2, lines.size(), watched);
      assertTrue(new JsonObject(lines.get(0)).getValue("equity") instanceof String);
      JsonObject halted = new JsonObject(node(url, EdgeStack.TOKEN, "control", "HALT").strip());
      assertEquals("HALTED", halted.getString("to"));
      node(url, EdgeStack.TOKEN, "control", "RESUME");
    }
  }

  private static String node(String url, String token, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("node");
    builder.command().add("client.js");
    builder.command().addAll(List.of(args));
    builder.directory(DIR.toFile()).environment().put("TRT_EVENTBUS_URL", url);
    if (token != null) {
      builder.environment().put("TRT_TOKEN", token);
    }
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node client finished");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out + new String(process.getErrorStream().readAllBytes(),
        StandardCharsets.UTF_8));
    return out;
  }
}
