package io.tradingrt.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real {@code runtime.jar} in a child process, with its output captured line by line for assertions. */
public final class RuntimeProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final String name;
  private final Thread pump;

  private RuntimeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  public static Path jar() {
    String jar = System.getProperty("runtime.jar");
    if (jar == null) {
      throw new IllegalStateException("system property runtime.jar is not set (run through failsafe: mvn verify)");
    }
    return Path.of(jar);
  }

  public static RuntimeProcess start(String name, Path workDir, Map<String, String> env, String... args)
      throws IOException {
    return start(name, workDir, env, List.of("-Xmx1g"), args);
  }

  /** With the given JVM flags instead of the default {@code -Xmx1g}. */
  public static RuntimeProcess start(String name, Path workDir, Map<String, String> env, List<String> jvmFlags,
                                     String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new RuntimeProcess(name, builder.start());
  }

  /** Waits until a line matches, failing with the captured output if it never does. */
  public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        pump.join(5_000);
        if (lines.stream().noneMatch(match)) {
          break;
        }
        continue;
      }
      Thread.sleep(50);
    }
    for (String line : lines) {
      if (match.test(line)) {
        return line;
      }
    }
    throw new AssertionError(name + ": no matching line within " + timeout + "; output:\n" + String.join("\n", lines));
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the process to end by itself: its exit code, with all its output read, or -1 if it is still running
   * after the timeout.
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    pump.join(5_000);
    return process.exitValue();
  }

  /** SIGTERM, then the exit code; -1 if it did not stop within the timeout. */
  public int terminate(Duration timeout) throws InterruptedException {
    // Process.destroy() would also close our end of the output pipe, losing everything logged while stopping
    process.toHandle().destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
