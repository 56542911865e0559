package io.tradingrt.codecs;

import java.util.Objects;

/** An operator's command to the risk verticle; authorization happens at the edge (HTTP, bridges). */
public record RiskControl(ControlCommand command, String reason, long tsMicros) {
  public RiskControl {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(reason, "reason");
  }
}
