package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.http.EdgeStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser bridge over a raw websocket at /eventbus/websocket: permitted, denied and token-guarded addresses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SockJsBridgeTest {
  private EdgeStack stack;

  @BeforeAll
  void start() {
    stack = EdgeStack.start().http(new JsonObject()).metrics().trading(100);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void aPermittedAddressDeliversRecordsAsContractJson() throws InterruptedException {
    Frames frames = connect();
    frames.send(new JsonObject().put("type", "register").put("address", "metrics.live"));
    JsonObject message = frames.next(m -> "rec".equals(m.getString("type")));
    JsonObject body = message.getJsonObject("body");
    assertTrue(body.getValue("equity") instanceof String, "Fixed crosses as a decimal string: " + body);
    assertTrue(body.containsKey("ticksTotal"));
    frames.send(new JsonObject().put("type", "register").put("address", "md.quotes"));
    JsonObject quote = frames.next(m -> "md.quotes".equals(m.getString("address"))).getJsonObject("body")
        .getJsonArray("ticks").getJsonObject(0);
    assertTrue(quote.getString("bid").matches("\\d+(\\.\\d+)?"), quote.encode());
  }

  @Test
  void rawTicksAndUnknownAddressesAreDenied() throws InterruptedException {
    Frames frames = connect();
    frames.send(new JsonObject().put("type", "register").put("address", "md.ticks"));
    assertEquals("access_denied", frames.next(m -> "err".equals(m.getString("type"))).getString("body"));
    frames.send(new JsonObject().put("type", "send").put("address", "exec.submit").put("body", new JsonObject())
        .put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
    assertEquals("access_denied", frames.next(m -> "err".equals(m.getString("type"))).getString("body"));
  }

  @Test
  void controlWithoutTheTokenIsRefusedAndWithItChangesTheState() throws InterruptedException {
    Frames frames = connect();
    JsonObject halt = new JsonObject().put("command", "HALT").put("reason", "bridge test");
    frames.send(new JsonObject().put("type", "send").put("address", "risk.control").put("body", halt)
        .put("replyAddress", "r-1"));
    JsonObject refused = frames.next(m -> "r-1".equals(m.getString("address")));
    assertEquals("err", refused.getString("type"));
    assertEquals(401, refused.getInteger("failureCode"));
    assertEquals("rejected", frames.next(m -> "err".equals(m.getString("type")) && m.getString("address") == null)
        .getString("body"));

    frames.send(new JsonObject().put("type", "send").put("address", "risk.control").put("body", halt)
        .put("replyAddress", "r-2").put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
    JsonObject reply = frames.next(m -> "r-2".equals(m.getString("address")));
    assertEquals("rec", reply.getString("type"), reply.encode());
    assertEquals("HALTED", reply.getJsonObject("body").getString("to"));

    frames.send(new JsonObject().put("type", "send").put("address", "risk.control").put("replyAddress", "r-3")
        .put("body", new JsonObject().put("command", "RESUME"))
        .put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
    assertEquals("ACTIVE", frames.next(m -> "r-3".equals(m.getString("address"))).getJsonObject("body")
        .getString("to"));
  }

  @Test
  void aMalformedControlBodyIsRefusedWithTheMappersMessage() throws InterruptedException {
    Frames frames = connect();
    frames.send(new JsonObject().put("type", "send").put("address", "risk.control").put("replyAddress", "r-4")
        .put("body", new JsonObject().put("command", "EXPLODE"))
        .put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
    JsonObject refused = frames.next(m -> "r-4".equals(m.getString("address")));
    assertEquals(400, refused.getInteger("failureCode"));
    assertTrue(refused.getString("message").startsWith("INVALID_CONTROL: invalid RiskControl"), refused.encode());
    assertFalse(refused.getString("message").contains("io.tradingrt"), "no Java class names: " + refused.encode());
  }

  private Frames connect() {
    return connect(stack);
  }

  /** A raw websocket on the stack's SockJS bridge, speaking its JSON frames as a browser's client does. */
  static Frames connect(EdgeStack stack) {
    WebSocketClient client = stack.vertx.createWebSocketClient();
    WebSocket socket = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(stack.httpPort()).setURI("/eventbus/websocket")));
    Frames frames = new Frames(socket);
    // the bridge writes binary frames, browsers get the same bytes as text
    socket.handler(data -> frames.received.add(new JsonObject(data)));
    return frames;
  }

  /** A websocket and the JSON frames it received, in order. */
  static final class Frames {
    final WebSocket socket;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    Frames(WebSocket socket) {
      this.socket = socket;
    }

    void send(JsonObject frame) {
      await(socket.writeTextMessage(frame.encode()));
    }

    JsonObject next(java.util.function.Predicate<JsonObject> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        JsonObject frame = received.poll(100, TimeUnit.MILLISECONDS);
        if (frame != null && wanted.test(frame)) {
          return frame;
        }
      }
      throw new AssertionError("no matching frame within 10 s");
    }
  }
}
