package io.tradingrt.codecs.wire;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.ReasonCode;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** Appends fields to a Buffer in the compact cluster encoding: fixed-width numbers, length-prefixed UTF-8. */
public final class WireOut {
  private final Buffer buffer;

  WireOut(Buffer buffer) {
    this.buffer = buffer;
  }

  public WireOut string(String value) {
    if (value == null) {
      buffer.appendInt(-1);
    } else {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }
    return this;
  }

  public WireOut fixed(Fixed value) {
    buffer.appendLong(value.raw());
    return this;
  }

  public WireOut nullableFixed(Fixed value) {
    buffer.appendByte(value == null ? (byte) 0 : (byte) 1);
    if (value != null) {
      buffer.appendLong(value.raw());
    }
    return this;
  }

  public WireOut longValue(long value) {
    buffer.appendLong(value);
    return this;
  }

  public WireOut intValue(int value) {
    buffer.appendInt(value);
    return this;
  }

  public WireOut bool(boolean value) {
    buffer.appendByte(value ? (byte) 1 : (byte) 0);
    return this;
  }

  /** A reason code travels as its fixed {@link ReasonCode#wireId()} in one byte, zero meaning null. */
  public WireOut reasonCode(ReasonCode value) {
    buffer.appendByte(value == null ? 0 : (byte) value.wireId());
    return this;
  }

  /** Enums travel as their ordinal plus one, zero meaning null; reordering an enum is a contract change. */
  public WireOut enumValue(Enum<?> value) {
    buffer.appendByte(value == null ? 0 : (byte) (value.ordinal() + 1));
    return this;
  }
}
