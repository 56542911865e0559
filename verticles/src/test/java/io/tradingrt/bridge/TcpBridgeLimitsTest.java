package io.tradingrt.bridge;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCP bridge under a hostile client: bounded frames, read and idle timeouts, every malformed frame refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpBridgeLimitsTest {
  private static final int MAX_FRAME = 65_536;
  private static final int IDLE_SECONDS = 2;
  private static final int READ_SECONDS = 1;
  private static final long MB = 1024 * 1024;

  private TcpBridgeVerticle bridge;
  private EdgeStack stack;
  private SevereLog severe;
  private int port;

  @BeforeAll
  void start() throws IOException {
    severe = SevereLog.attach();
    port = TcpBridgeTest.freePort();
    stack = EdgeStack.start().metrics().trading(100);
    bridge = stack.bridge(new JsonObject().put("tcpBridgePort", port)
        .put("tcpBridgeMaxFrameBytes", MAX_FRAME).put("tcpBridgeIdleTimeoutSeconds", IDLE_SECONDS)
        .put("tcpBridgeReadTimeoutSeconds", READ_SECONDS));
    stack.deploy(bridge);
  }

  @AfterEach
  void nothingSevereWasLogged() {
    assertEquals(List.of(), severe.drain());
  }

  @AfterAll
  void stop() {
    stack.close();
    severe.close();
  }

  @Test
  void aHugeLengthPrefixIsRefusedBeforeItsBytesAreBuffered() throws Exception {
    byte[] prefix = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertRefusedWhileStreaming(prefix, 300 * MB);
  }

  @Test
  void aFiftyMegabyteFrameWithAWrongTokenIsRefusedFromItsPrefix() throws Exception {
    byte[] start = "{\"type\":\"send\",\"address\":\"orders.submit\",\"headers\":{\"token\":\"wrong\"},\"body\":{\"pad\":\""
        .getBytes(StandardCharsets.UTF_8);
    byte[] prefix = ByteBuffer.allocate(4 + start.length).putInt((int) (50 * MB)).put(start).array();
    assertRefusedWhileStreaming(prefix, 50 * MB);
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedFrameIsAnsweredWithAnErrFrameAndAClose() {
    return Stream.of(
        malformed("invalid UTF-8", RawBridgeSocket.frame(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}),
            "invalid_utf8"),
        malformed("not JSON", RawBridgeSocket.frame("{\"type\":"), "invalid_json"),
        malformed("a JSON array", RawBridgeSocket.frame("[{\"type\":\"ping\"}]"), "not_an_object"),
        malformed("unknown type", RawBridgeSocket.frame("{\"type\":\"bogus\",\"address\":\"metrics.live\"}"),
            "unknown_type"),
        malformed("missing type", RawBridgeSocket.frame("{\"address\":\"metrics.live\"}"), "missing_type"),
        malformed("null type", RawBridgeSocket.frame("{\"type\":null}"), "missing_type"),
        malformed("headers not an object", RawBridgeSocket.frame(
            "{\"type\":\"send\",\"address\":\"orders.submit\",\"headers\":\"token\",\"body\":{}}"), "invalid_headers"),
        malformed("a header that is not a string", RawBridgeSocket.frame(
            "{\"type\":\"publish\",\"address\":\"metrics.live\",\"headers\":{\"n\":1}}"), "invalid_headers"),
        malformed("send without address", RawBridgeSocket.frame("{\"type\":\"send\",\"body\":{}}"),
            "missing_address"),
        malformed("an address that is not a string", RawBridgeSocket.frame("{\"type\":\"register\",\"address\":7}"),
            "invalid_address"),
        malformed("length 0", new byte[] {0, 0, 0, 0}, "empty_frame"),
        malformed("length 0xFFFFFFFF", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            "frame_too_large"));
  }

  @Test
  void aGoodClientIsServedAfterTheAbuse() throws Throwable {
    for (DynamicTest abuse : everyMalformedFrameIsAnsweredWithAnErrFrameAndAClose().toList()) {
      abuse.getExecutable().execute();
    }
    try (RawBridgeSocket client = new RawBridgeSocket(port, 10_000)) {
      client.write(new JsonObject().put("type", "register").put("address", "metrics.live"));
      client.write(new JsonObject().put("type", "ping"));
      assertEquals("pong", client.next(f -> !"message".equals(f.getString("type"))).getString("type"));
      assertNotNull(client.next(f -> "metrics.live".equals(f.getString("address"))).getJsonObject("body"));
      client.write(new JsonObject().put("type", "send").put("address", "orders.submit").put("replyAddress", "o-1")
          .put("headers", new JsonObject().put("token", EdgeStack.TOKEN))
          .put("body", new JsonObject().put("symbol", "AAPL").put("side", "BUY").put("quantity", "1")
              .put("strategy", "tcp-test")));
      JsonObject reply = client.next(f -> "o-1".equals(f.getString("address")));
      assertEquals("message", reply.getString("type"), reply.encode());
      assertTrue(reply.getJsonObject("body").getBoolean("approved"), reply.encode());
    }
  }

  @Test
  void aFrameThatStallsHalfWayIsClosedAfterTheReadTimeout() throws Exception {
    try (RawBridgeSocket slow = new RawBridgeSocket(port, 10_000)) {
      long started = System.nanoTime();
      slow.writeRaw(new byte[] {0, 0, 0, 100, '{'});
      // dribbling bytes of the same frame must not keep it alive: the frame as a whole has the read timeout
      for (int i = 0; i < 3; i++) {
        Thread.sleep(300);
        slow.writeRaw(new byte[] {' '});
      }
      JsonObject err = slow.nextErr();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(err.getString("message").startsWith("read_timeout"), err.encode());
      assertTrue(millis >= READ_SECONDS * 1000 - 100 && millis < READ_SECONDS * 1000 + 2000, millis + " ms");
      assertTrue(slow.closedWithin(2_000));
    }
  }

  @Test
  void aConnectionWithoutFramesIsClosedAfterTheIdleTimeoutButAPingingOneStays() throws Exception {
    try (RawBridgeSocket idle = new RawBridgeSocket(port, 10_000);
         RawBridgeSocket pinging = new RawBridgeSocket(port, 10_000)) {
      long started = System.nanoTime();
      for (int i = 0; i < 6; i++) {
        pinging.write(new JsonObject().put("type", "ping"));
        assertEquals("pong", pinging.nextOrClosed().getString("type"));
        Thread.sleep(500);
      }
      JsonObject err = idle.nextErr();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(err.getString("message").startsWith("idle_timeout"), err.encode());
      assertTrue(millis >= IDLE_SECONDS * 1000 - 100 && millis < IDLE_SECONDS * 1000 + 2500, millis + " ms");
      assertTrue(idle.closedWithin(2_000));
      pinging.write(new JsonObject().put("type", "ping"));
      assertEquals("pong", pinging.nextOrClosed().getString("type"));
    }
  }

  @Test
  void aClientThatNeverReadsIsDisconnectedOnceItsOutboundBufferIsFull() throws Exception {
    long slowBefore = bridge.counters().refused(FrameError.SLOW_CONSUMER);
    try (RawBridgeSocket deaf = new RawBridgeSocket(port, 10_000, 4_096)) {
      deaf.write(new JsonObject().put("type", "register").put("address", Addresses.MD_BARS));
      // bars of ~300 bytes, as fast as the bus takes them, to a client that reads nothing (for up to 60 s): without a
      // bound, every byte would wait in the server's memory for a reader that never comes
      Bar bar = new Bar("DEAF", "1s", 0, Fixed.of(100), Fixed.of(101), Fixed.of(99), Fixed.of(100), Fixed.of(5),
          Fixed.of(100), 3);
      long deadline = System.nanoTime() + 60_000_000_000L;
      long nextPing = 0;
      while (System.nanoTime() < deadline && bridge.counters().refused(FrameError.SLOW_CONSUMER) == slowBefore) {
        if (System.nanoTime() > nextPing) {
          // deaf, not silent: its pings keep it clear of the idle timeout, as a hostile client's would
          deaf.write(new JsonObject().put("type", "ping"));
          nextPing = System.nanoTime() + 500_000_000L;
        }
        stack.vertx.runOnContext(v -> {
          for (int j = 0; j < 1_000; j++) {
            stack.vertx.eventBus().publish(Addresses.MD_BARS, bar);
          }
        });
        Thread.sleep(10);
      }
      EdgeStack.eventually(10, "the deaf client is disconnected and counted",
          () -> bridge.counters().refused(FrameError.SLOW_CONSUMER) == slowBefore + 1);
      assertTrue(deaf.closedWithin(10_000), "the connection of a client that never reads is closed");
    }
    EdgeStack.eventually(5, "no connection left open", () -> bridge.counters().open() == 0);
  }

  @Test
  void theCountersAreInTheLocalMapAndCountRefusals() throws Throwable {
    assertTrue(stack.vertx.sharedData().getLocalMap(BridgeCounters.MAP).get(BridgeCounters.TCP) == bridge.counters());
    long tooLarge = bridge.counters().refused(FrameError.FRAME_TOO_LARGE);
    malformed("length 0xFFFFFFFF", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        "frame_too_large").getExecutable().execute();
    assertEquals(tooLarge + 1, bridge.counters().refused(FrameError.FRAME_TOO_LARGE));
    assertEquals(bridge.counters().refused(FrameError.FRAME_TOO_LARGE),
        bridge.counters().refusedByReason().get("frame_too_large"));
    EdgeStack.eventually(5, "no connection left open", () -> bridge.counters().open() == 0);
  }

  private DynamicTest malformed(String what, byte[] bytes, String code) {
    return DynamicTest.dynamicTest(what, () -> {
      try (RawBridgeSocket socket = new RawBridgeSocket(port, 5_000)) {
        socket.writeRaw(bytes);
        JsonObject err = socket.nextErr();
        assertTrue(err.getString("message").startsWith(code), what + ": " + err.encode());
        assertTrue(socket.closedWithin(3_000), what + ": the connection stayed open after the err frame");
      }
    });
  }

  /** Streams {@code total} bytes after {@code prefix} as fast as the socket takes them; the server must cut it off. */
  private void assertRefusedWhileStreaming(byte[] prefix, long total) throws Exception {
    long heapBefore = usedHeapAfterGc();
    AtomicLong sent = new AtomicLong();
    try (RawBridgeSocket attacker = new RawBridgeSocket(port, 10_000)) {
      Thread writer = new Thread(() -> stream(attacker.output(), prefix, total, sent), "attacker");
      writer.start();
      JsonObject err = attacker.nextErr();
      assertTrue(err.getString("message").startsWith("frame_too_large"), err.encode());
      assertTrue(attacker.closedWithin(5_000), "the connection stayed open after the err frame");
      writer.join(10_000);
      assertFalse(writer.isAlive(), "the server still takes bytes after refusing the frame");
    }
    long growth = usedHeapAfterGc() - heapBefore;
    System.out.printf("tcp bridge attack: %d bytes sent before the close, used heap growth %d KiB%n", sent.get(),
        growth / 1024);
    // what the kernel buffers on loopback (a few MB) is all the attacker gets to send
    assertTrue(sent.get() < 32 * MB, sent.get() + " bytes were accepted");
    assertTrue(growth < 50 * MB, "used heap grew by " + growth / MB + " MB");
  }

  private static void stream(OutputStream out, byte[] prefix, long total, AtomicLong sent) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    try {
      out.write(prefix);
      sent.addAndGet(prefix.length);
      while (sent.get() < total) {
        out.write(chunk);
        sent.addAndGet(chunk.length);
      }
      out.flush();
    } catch (IOException closedByTheServer) {
      return;
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
