package io.tradingrt.codecs.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Base of every contract codec: local delivery hands over the same immutable record, cluster delivery writes a
 * 4-byte length and the fields in {@link WireOut}'s compact encoding.
 */
public abstract class RecordCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  protected RecordCodec(Class<T> type) {
    this.type = type;
  }

  public Class<T> type() {
    return type;
  }

  protected abstract void write(WireOut out, T value);

  protected abstract T read(WireIn in);

  @Override
  public final void encodeToWire(Buffer buffer, T value) {
    int lengthPos = buffer.length();
    buffer.appendInt(0);
    write(new WireOut(buffer), value);
    buffer.setInt(lengthPos, buffer.length() - lengthPos - 4);
  }

  @Override
  public final T decodeFromWire(int pos, Buffer buffer) {
    return read(new WireIn(buffer, pos + 4));
  }

  @Override
  public final T transform(T value) {
    return value;
  }

  @Override
  public final String name() {
    return "tradingrt." + type.getSimpleName();
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
