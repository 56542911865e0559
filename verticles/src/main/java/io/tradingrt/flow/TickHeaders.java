package io.tradingrt.flow;

import io.tradingrt.codecs.Headers;
import io.vertx.core.eventbus.Message;

/** Reads the causing tick's planned send time from a message's headers, for every role that measures tick-to-trade. */
public final class TickHeaders {

  private TickHeaders() {
  }

  /** The {@link Headers#TICK_MICROS} header in epoch µs, or 0 when the message has none or it is not a number. */
  public static long tickMicros(Message<?> message) {
    String header = message.headers().get(Headers.TICK_MICROS);
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
