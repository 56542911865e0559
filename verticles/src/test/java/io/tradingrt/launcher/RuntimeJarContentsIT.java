package io.tradingrt.launcher;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The shipped jar holds one version of each library family that breaks when mixed (Jackson, Micrometer). */
class RuntimeJarContentsIT {
  private static final Pattern MAVEN_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");

  @Test
  void oneJacksonVersionIsShipped() throws IOException {
    Map<String, String> jackson = versions(Path.of(System.getProperty("runtime.jar")), "com.fasterxml.jackson.core");
    assertEquals(Set.of("jackson-core", "jackson-databind", "jackson-annotations"), jackson.keySet(), jackson.toString());
    assertEquals(1, new TreeSet<>(jackson.values()).size(), "Jackson versions in runtime.jar: " + jackson);
  }

  @Test
  void oneMicrometerVersionIsOnTheRuntimeClassPath() {
    // Micrometer's jars carry no META-INF/maven; their manifests name the version on the (same) resolved class path
    String core = Meter.class.getPackage().getImplementationVersion();
    String prometheus = PrometheusMeterRegistry.class.getPackage().getImplementationVersion();
    assertFalse(core == null || core.isBlank(), "micrometer-core has no version in its manifest");
    assertEquals(core, prometheus, "micrometer-core " + core + " beside micrometer-registry-prometheus " + prometheus);
  }

  private static Map<String, String> versions(Path jar, String group) throws IOException {
    Map<String, String> versions = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        Matcher m = MAVEN_PROPERTIES.matcher(entry.getName());
        if (m.matches() && m.group(1).equals(group)) {
          Properties properties = new Properties();
          try (InputStream in = file.getInputStream(entry)) {
            properties.load(in);
          }
          versions.put(m.group(2), properties.getProperty("version"));
        }
      }
    }
    return versions;
  }
}
