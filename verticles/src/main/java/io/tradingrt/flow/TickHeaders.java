package io.tradingrt.flow;

import io.tradingrt.codecs.Headers;
import io.vertx.core.eventbus.Message;

/** Reads the time headers a tick's order carries, for every role that measures tick-to-trade. */
public final class TickHeaders {

  private TickHeaders() {
  }

  /** The {@link Headers#TICK_MICROS} header in epoch µs, or 0 when the message has none or it is not a number. */
  public static long tickMicros(Message<?> message) {
    return micros(message, Headers.TICK_MICROS);
  }

  /** A time header ({@link Headers#INGEST_MICROS}, {@link Headers#BROKER_MICROS} …) in epoch µs, or 0. */
  public static long micros(Message<?> message, String name) {
    String header = message.headers().get(name);
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
