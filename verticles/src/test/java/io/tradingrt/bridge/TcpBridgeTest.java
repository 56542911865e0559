package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCP bridge over a plain socket: length-prefixed JSON frames, the same permissions and token rule. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpBridgeTest {
  private EdgeStack stack;
  private int port;

  @BeforeAll
  void start() throws IOException {
    port = freePort();
    stack = EdgeStack.start().metrics().trading(100);
    stack.deploy(stack.bridge(new JsonObject().put("tcpBridgePort", port)));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void pingRegisterAndReceiveContractJson() throws IOException {
    try (Wire wire = new Wire(port)) {
      wire.write(new JsonObject().put("type", "ping"));
      assertEquals("pong", wire.next(f -> true).getString("type"));
      wire.write(new JsonObject().put("type", "register").put("address", "metrics.live"));
      JsonObject message = wire.next(f -> "metrics.live".equals(f.getString("address")));
      assertEquals("message", message.getString("type"));
      assertTrue(message.getJsonObject("body").getValue("equity") instanceof String, message.encode());
    }
  }

  @Test
  void deniedAddressAnswersAccessDenied() throws IOException {
    try (Wire wire = new Wire(port)) {
      wire.write(new JsonObject().put("type", "register").put("address", "md.ticks"));
      assertEquals("access_denied", wire.next(f -> "err".equals(f.getString("type"))).getString("message"));
    }
  }

  @Test
  void controlNeedsTheTokenInTheHeaders() throws IOException {
    try (Wire wire = new Wire(port)) {
      JsonObject halt = new JsonObject().put("command", "HALT").put("reason", "tcp test");
      wire.write(new JsonObject().put("type", "send").put("address", "risk.control").put("replyAddress", "t-1")
          .put("body", halt));
      JsonObject refused = wire.next(f -> "t-1".equals(f.getString("address")));
      assertEquals("err", refused.getString("type"));
      assertEquals(401, refused.getInteger("failureCode"));

      wire.write(new JsonObject().put("type", "send").put("address", "risk.control").put("replyAddress", "t-2")
          .put("body", halt).put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
      JsonObject reply = wire.next(f -> "t-2".equals(f.getString("address")));
      assertEquals("HALTED", reply.getJsonObject("body").getString("to"), reply.encode());
      wire.write(new JsonObject().put("type", "send").put("address", "risk.control").put("replyAddress", "t-3")
          .put("body", new JsonObject().put("command", "RESUME"))
          .put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
      assertEquals("ACTIVE", wire.next(f -> "t-3".equals(f.getString("address"))).getJsonObject("body")
          .getString("to"));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One blocking TCP bridge connection. */
  static final class Wire implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    Wire(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = new DataOutputStream(socket.getOutputStream());
    }

    void write(JsonObject frame) throws IOException {
      byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      out.flush();
    }

    JsonObject next(Predicate<JsonObject> wanted) throws IOException {
      while (true) {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        JsonObject frame = new JsonObject(new String(json, StandardCharsets.UTF_8));
        if (wanted.test(frame)) {
          return frame;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
