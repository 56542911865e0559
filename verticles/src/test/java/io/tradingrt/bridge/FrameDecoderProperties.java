package io.tradingrt.bridge;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded frame decoder: arbitrary bytes in, frames or one precise error out, never unbounded buffering. */
class FrameDecoderProperties {

  @Property
  void wellFormedFramesSurviveAnySplit(@ForAll("payloads") List<byte[]> payloads,
                                       @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 97) Integer> cuts) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    payloads.forEach(p -> stream.writeBytes(RawBridgeSocket.frame(p)));
    FrameDecoder decoder = new FrameDecoder(512);
    List<byte[]> decoded = new ArrayList<>();
    for (byte[] chunk : split(stream.toByteArray(), cuts)) {
      FrameDecoder.Result result = decoder.feed(chunk);
      assertNull(result.rejection());
      decoded.addAll(result.frames());
    }
    assertEquals(payloads.size(), decoded.size());
    for (int i = 0; i < payloads.size(); i++) {
      assertArrayEquals(payloads.get(i), decoded.get(i));
    }
    assertFalse(decoder.midFrame());
    assertEquals(0, decoder.bufferedBytes());
  }

  @Property
  void arbitraryBytesGiveBoundedFramesThenAtMostOneError(@ForAll @Size(max = 3000) byte[] bytes,
                                                         @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 400) Integer> cuts,
                                                         @ForAll @IntRange(min = 1, max = 300) int maxFrame) {
    FrameDecoder decoder = new FrameDecoder(maxFrame);
    int rejections = 0;
    for (byte[] chunk : split(bytes, cuts)) {
      FrameDecoder.Result result = decoder.feed(chunk);
      if (rejections > 0) {
        assertTrue(result.frames().isEmpty() && result.rejection() == null, "output after the error");
      }
      result.frames().forEach(f -> assertTrue(f.length >= 1 && f.length <= maxFrame, f.length + " bytes"));
      rejections += result.rejection() == null ? 0 : 1;
      assertTrue(decoder.bufferedBytes() <= maxFrame + 4, decoder.bufferedBytes() + " bytes held");
    }
    assertTrue(rejections <= 1);
  }

  @Property
  void anOversizedLengthIsRefusedFromThePrefixAlone(@ForAll @LongRange(min = 65_537, max = 0xFFFFFFFFL) long length) {
    FrameDecoder decoder = new FrameDecoder(65_536);
    byte[] prefix = Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(length).array(), 4, 8);
    FrameDecoder.Result result = decoder.feed(prefix);
    assertNotNull(result.rejection());
    assertEquals(FrameError.FRAME_TOO_LARGE, result.rejection().error());
    assertTrue(result.rejection().message().startsWith("frame_too_large: " + length + " bytes"));
    assertEquals(4, decoder.bufferedBytes());
    assertTrue(decoder.feed(new byte[65_536]).frames().isEmpty());
  }

  @Property
  void aZeroLengthIsAnEmptyFrameError(@ForAll @Size(max = 50) byte[] after) {
    FrameDecoder.Result result = new FrameDecoder(100).feed(concat(new byte[4], after));
    assertEquals(FrameError.EMPTY_FRAME, result.rejection().error());
    assertTrue(result.frames().isEmpty());
  }

  @Provide
  Arbitrary<List<byte[]>> payloads() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(512).list().ofMaxSize(10);
  }

  private static List<byte[]> split(byte[] bytes, List<Integer> cuts) {
    List<byte[]> chunks = new ArrayList<>();
    int at = 0;
    for (int cut : cuts) {
      if (at >= bytes.length) {
        break;
      }
      int end = Math.min(bytes.length, at + cut);
      chunks.add(Arrays.copyOfRange(bytes, at, end));
      at = end;
    }
    chunks.add(Arrays.copyOfRange(bytes, at, bytes.length));
    return chunks;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
