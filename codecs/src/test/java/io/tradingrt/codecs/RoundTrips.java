package io.tradingrt.codecs;

import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.codecs.wire.RecordCodec;
import io.vertx.core.buffer.Buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The three ways a record travels — local delivery, the cluster wire, JSON — each must give back an equal record. */
public final class RoundTrips {

  private RoundTrips() {
  }

  /** Local delivery hands the consumer the very instance that was sent: records are immutable. */
  public static <T> void assertLocalTransformIsIdentity(T value) {
    assertSame(value, codecFor(value).transform(value));
  }

  /**
   * Encodes two records back to back after some unrelated bytes, as the cluster does in one frame, and decodes each at
   * its own position: the codec must honour its position and its length prefix.
   */
  public static <T> void assertWireRoundTrip(byte[] prefix, T first, T second) {
    RecordCodec<T> codec = codecFor(first);
    Buffer buffer = Buffer.buffer().appendBytes(prefix);
    int firstPos = buffer.length();
    codec.encodeToWire(buffer, first);
    int secondPos = buffer.length();
    codec.encodeToWire(buffer, second);

    assertEquals(secondPos - firstPos - 4, buffer.getInt(firstPos), "length prefix of the first record");
    assertEquals(buffer.length() - secondPos - 4, buffer.getInt(secondPos), "length prefix of the second record");
    assertEquals(first, codec.decodeFromWire(firstPos, buffer));
    assertEquals(second, codec.decodeFromWire(firstPos + 4 + buffer.getInt(firstPos), buffer));
    assertEquals(Buffer.buffer(prefix), buffer.getBuffer(0, prefix.length), "the prefix is untouched");
  }

  public static <T> void assertJsonRoundTrip(T value) {
    assertEquals(value, ContractJson.read(ContractJson.write(value), value.getClass()));
  }

  public static <T> void assertAllRoundTrips(byte[] prefix, T first, T second) {
    assertLocalTransformIsIdentity(first);
    assertWireRoundTrip(prefix, first, second);
    assertJsonRoundTrip(first);
  }

  @SuppressWarnings("unchecked")
  public static <T> RecordCodec<T> codecFor(T value) {
    return ContractCodecs.all().stream()
        .filter(codec -> codec.type() == value.getClass())
        .map(codec -> (RecordCodec<T>) codec)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no codec for " + value.getClass().getSimpleName()));
  }
}
