package io.tradingrt.figures;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Heap and process CPU at one instant; {@code cpuPermille} is this process's share of all cores, 0–1000. */
public record JvmSample(long heapUsedBytes, long heapMaxBytes, int cpuPermille, int threads, long uptimeMillis) {

  public static final JvmSample NONE = new JvmSample(0, 0, 0, 0, 0);

  /** Reads the platform MX beans; CPU is unknown (0) on JVMs without the com.sun extension. */
  public static JvmSample read() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    int cpu = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      cpu = load < 0 ? 0 : (int) Math.round(load * 1000);
    }
    return new JvmSample(heap.getUsed(), heap.getMax(), cpu, ManagementFactory.getThreadMXBean().getThreadCount(),
        ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
