package io.tradingrt.launcher;

import io.tradingrt.config.ConfigException;

import com.hazelcast.config.Config;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hazelcast for {@code -cluster}: {@code conf/cluster.xml} (or the file named by {@code -Dvertx.hazelcast.config}),
 * then TRT_CLUSTER_NAME / TRT_CLUSTER_MEMBERS / TRT_CLUSTER_INTERFACE / TRT_CLUSTER_PORT from the environment.
 */
public final class ClusterSetup {
  private static final String LEASE_PROTECTION = "trt-lease-majority";

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(Map<String, String> env) {
    return new HazelcastClusterManager(hazelcastConfig(env));
  }

  public static Config hazelcastConfig(Map<String, String> env) {
    return hazelcastConfig(env, 1);
  }

  /**
   * @param minimumMembers {@code cluster.minimumMembers}: below this many members the lease map refuses reads and
   *                       writes (Hazelcast's split-brain protection), so a node cut off alone cannot take or keep a
   *                       lease; 1 leaves it off
   */
  public static Config hazelcastConfig(Map<String, String> env, long minimumMembers) {
    Config config = loadXml();
    if (minimumMembers > 1) {
      config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(LEASE_PROTECTION, true,
          (int) minimumMembers));
      config.getMapConfig(ClusterRoles.LEASES).setSplitBrainProtectionName(LEASE_PROTECTION);
    }
    String name = env.get("TRT_CLUSTER_NAME");
    if (name != null && !name.isBlank()) {
      config.setClusterName(name.trim());
    }
    String members = env.get("TRT_CLUSTER_MEMBERS");
    if (members != null && !members.isBlank()) {
      List<String> list = Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      TcpIpConfig tcpIp = config.getNetworkConfig().getJoin().getTcpIpConfig();
      tcpIp.setMembers(list).setEnabled(true);
    }
    String iface = env.get("TRT_CLUSTER_INTERFACE");
    if (iface != null && !iface.isBlank()) {
      InterfacesConfig interfaces = config.getNetworkConfig().getInterfaces();
      interfaces.clear();
      interfaces.addInterface(iface.trim()).setEnabled(true);
    }
    String port = env.get("TRT_CLUSTER_PORT");
    if (port != null && !port.isBlank()) {
      try {
        config.getNetworkConfig().setPort(Integer.parseInt(port.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException("TRT_CLUSTER_PORT must be a port number, got '" + port + "'");
      }
    }
    return config;
  }

  /** The address the event bus binds to: the first Hazelcast interface, so both sides use one network. */
  public static String eventBusHost(Config config) {
    var interfaces = config.getNetworkConfig().getInterfaces();
    if (interfaces.isEnabled() && !interfaces.getInterfaces().isEmpty()) {
      String first = interfaces.getInterfaces().iterator().next();
      if (!first.contains("*") && !first.contains("-")) {
        return first;
      }
    }
    return "127.0.0.1";
  }

  private static Config loadXml() {
    String override = System.getProperty("vertx.hazelcast.config");
    try {
      if (override != null && !override.isBlank() && !override.startsWith("classpath:")) {
        Path path = Path.of(override);
        if (!Files.isReadable(path)) {
          throw new ConfigException("cannot read Hazelcast config " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
          return new XmlConfigBuilder(in).build();
        }
      }
      try (InputStream in = ClusterSetup.class.getClassLoader().getResourceAsStream("conf/cluster.xml")) {
        if (in == null) {
          throw new IllegalStateException("conf/cluster.xml is missing from the classpath");
        }
        return new XmlConfigBuilder(in).build();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (com.hazelcast.config.InvalidConfigurationException e) {
      throw new ConfigException("invalid Hazelcast config: " + e.getMessage().split("\n")[0]);
    }
  }
}
