package io.tradingrt.bridge;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python package as a user gets it: {@code pip install --no-index ./scripts/clients/python} into a fresh virtual
 * environment (no index, so offline), then the package's own tests (asyncio and blocking clients, the tradingrt
 * command) against the real jar: fills subscribed, an order with the token, access_denied for a denied address.
 */
class PythonPackageIT {
  private static final Path PACKAGE = Path.of(System.getProperty("project.root", "..")).resolve("scripts/clients/python");

  @Test
  void installsOfflineAndItsTestsPassAgainstTheRealJar(@TempDir Path dir) throws Exception {
    Path venv = dir.resolve("venv");
    run(List.of("python3", "-m", "venv", venv.toString()), Map.of(), dir);
    String install = run(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index", "--no-cache-dir",
        PACKAGE.toString()), Map.of(), dir);
    assertTrue(install.contains("Successfully installed tradingrt-0.1.0"), install);

    int bridgePort = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(freePort()),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(bridgePort), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", "py-token");
    try (RuntimeProcess runtime = RuntimeProcess.start("python-package", dir, env)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      String tests = run(List.of(venv.resolve("bin/python").toString(), "-m", "unittest", "discover", "-v", "-s",
              PACKAGE.resolve("tests").toString()),
          Map.of("TRT_TCP_BRIDGE_PORT", Integer.toString(bridgePort), "TRT_TOKEN", "py-token",
              "PATH", venv.resolve("bin") + ":" + System.getenv("PATH")), dir);
      assertTrue(tests.contains("Ran 8 tests") && tests.strip().endsWith("OK"), tests);
    }
  }

  private static String run(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + ":\n" + text);
    return text;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
