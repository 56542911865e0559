package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python package in scripts/clients/python, run from its sources ({@code python3 -m tradingrt}, nothing installed),
 * against a running HTTP + TCP bridge stack; {@code PythonPackageIT} installs it and runs its own tests on the jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientTest {
  private static final Path SOURCES = Path.of(System.getProperty("project.root", ".."))
      .resolve("scripts/clients/python/src");

  private EdgeStack stack;
  private int port;

  record Run(int exitCode, String stdout, String stderr) {
  }

  @BeforeAll
  void start() throws IOException {
    port = TcpBridgeTest.freePort();
    stack = EdgeStack.start().http(new JsonObject()).metrics().trading(200);
    stack.deploy(stack.bridge(new JsonObject().put("tcpBridgePort", port)));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void submitsAnOrderWithTheTokenAndSeesItsFill() throws Exception {
    Run run = python("--token", EdgeStack.TOKEN, "order", "BUY", "3", "AAPL", "--wait-fill");
    assertEquals(0, run.exitCode(), run.stderr());
    String[] lines = run.stdout().strip().split("\n");
    JsonObject decision = new JsonObject(lines[0]).getJsonObject("decision");
    assertTrue(decision.getBoolean("approved"), run.stdout());
    JsonObject fill = new JsonObject(lines[1]).getJsonObject("fill");
    assertEquals(decision.getString("clientOrderId"), fill.getString("clientOrderId"));
    assertEquals("3", fill.getString("quantity"));
  }

  @Test
  void withoutTheTokenTheOrderIsRefused() throws Exception {
    Run run = python("--token", "", "order", "BUY", "3", "AAPL");
    assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
    assertTrue(run.stderr().contains("access_denied"), run.stderr());
  }

  @Test
  void watchesALiveAddress() throws Exception {
    Run run = python("tail", "metrics.live", "--count", "2");
    assertEquals(0, run.exitCode(), run.stderr());
    List<String> lines = run.stdout().strip().lines().toList();
    assertEquals(2, lines.size());
    assertTrue(new JsonObject(lines.get(0)).containsKey("ticksTotal"));
  }

  private Run python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", "-m", "tradingrt", "--port", Integer.toString(port)));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PYTHONPATH", SOURCES.toString());
    builder.environment().remove("TRT_TOKEN");
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the python client did not finish: " + command);
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
