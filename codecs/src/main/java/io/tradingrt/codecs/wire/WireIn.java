package io.tradingrt.codecs.wire;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.ReasonCode;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** Reads fields written by {@link WireOut}, in the same order. */
public final class WireIn {
  private final Buffer buffer;
  private int pos;

  WireIn(Buffer buffer, int pos) {
    this.buffer = buffer;
    this.pos = pos;
  }

  public String string() {
    int length = buffer.getInt(pos);
    pos += 4;
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(pos, pos + length, StandardCharsets.UTF_8.name());
    pos += length;
    return value;
  }

  public Fixed fixed() {
    return Fixed.ofRaw(longValue());
  }

  public Fixed nullableFixed() {
    byte present = buffer.getByte(pos++);
    return present == 0 ? null : fixed();
  }

  public long longValue() {
    long value = buffer.getLong(pos);
    pos += 8;
    return value;
  }

  public int intValue() {
    int value = buffer.getInt(pos);
    pos += 4;
    return value;
  }

  public boolean bool() {
    return buffer.getByte(pos++) != 0;
  }

  /** A reason code by its wire id; an id this version does not know throws {@link IllegalArgumentException}. */
  public ReasonCode reasonCode() {
    int id = buffer.getByte(pos++);
    return id == 0 ? null : ReasonCode.ofWireId(id);
  }

  public <E extends Enum<E>> E enumValue(E[] values) {
    int code = buffer.getByte(pos++);
    return code == 0 ? null : values[code - 1];
  }
}
