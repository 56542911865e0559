package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real jar refuses a misspelt key, from {@code -conf} or the environment, with one line and exit code 2. */
class ConfigValidationIT {

  @Test
  void aMisspeltConfKeyEndsTheStartWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    try (RuntimeProcess runtime = RuntimeProcess.start("misspelt-conf", dir, Map.of(),
        "-conf", "{\"risk\":{\"maxOrderNotionl\":\"1\"}}")) {
      assertEquals(2, runtime.awaitExit(Duration.ofSeconds(60)), String.join("\n", runtime.lines()));
      assertEquals(List.of("runtime: unknown configuration key risk.maxOrderNotionl; did you mean "
          + "risk.maxOrderNotional?"), runtime.lines());
    }
  }

  @Test
  void aMisspeltEnvironmentKeyOrAWronglyTypedValueEndsTheStartTheSameWay(@TempDir Path dir) throws Exception {
    try (RuntimeProcess runtime = RuntimeProcess.start("misspelt-env", dir,
        Map.of("TRT__RISK__MAXORDERNOTIONL", "1"))) {
      assertEquals(2, runtime.awaitExit(Duration.ofSeconds(60)), String.join("\n", runtime.lines()));
      assertEquals(List.of("runtime: unknown configuration key risk.MAXORDERNOTIONL in TRT__RISK__MAXORDERNOTIONL; "
          + "did you mean TRT__RISK__MAXORDERNOTIONAL (risk.maxOrderNotional)?"), runtime.lines());
    }
    try (RuntimeProcess runtime = RuntimeProcess.start("wrong-type", dir, Map.of(),
        "-conf", "{\"http\":{\"port\":\"8080\"}}")) {
      assertEquals(2, runtime.awaitExit(Duration.ofSeconds(60)), String.join("\n", runtime.lines()));
      assertEquals(List.of("runtime: http.port must be a whole number (JSON integer), got the string \"8080\""),
          runtime.lines());
    }
  }
}
