package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection flood against the TCP bridge: beyond the cap connections are refused and HTTP stays responsive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpBridgeFloodTest {
  private static final int CAP = 200;
  private static final int FLOOD = 5_000;

  private TcpBridgeVerticle bridge;
  private EdgeStack stack;
  private int port;

  @BeforeAll
  void start() throws IOException {
    port = TcpBridgeTest.freePort();
    stack = EdgeStack.start().http(new JsonObject()).metrics().trading(100);
    bridge = stack.bridge(new JsonObject().put("tcpBridgePort", port)
        .put("tcpBridgeMaxConnections", CAP).put("tcpBridgeIdleTimeoutSeconds", 60));
    stack.deploy(bridge);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void connectionsBeyondTheCapAreRefusedWhileHealthKeepsAnswering() throws Exception {
    List<RawBridgeSocket> held = new ArrayList<>();
    List<Long> healthMicros = new CopyOnWriteArrayList<>();
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread prober = new Thread(() -> probeHealth(flooding, healthMicros), "health-prober");
    try {
      for (int i = 0; i < CAP; i++) {
        held.add(new RawBridgeSocket(port, 10_000));
      }
      // the held connections are really served: the last one still gets a pong
      held.get(CAP - 1).write(new JsonObject().put("type", "ping"));
      assertEquals("pong", held.get(CAP - 1).nextOrClosed().getString("type"));
      prober.start();
      int refused = 0;
      for (int i = 0; i < FLOOD; i++) {
        try (RawBridgeSocket extra = new RawBridgeSocket(port, 5_000)) {
          JsonObject err = extra.nextOrClosed();
          assertTrue(err == null || err.getString("message").startsWith("too_many_connections"), err.encode());
          assertTrue(extra.closedWithin(5_000), "connection " + i + " beyond the cap stayed open");
          refused++;
        }
      }
      flooding.set(false);
      prober.join(5_000);
      assertEquals(FLOOD, refused);
      assertEquals(FLOOD, bridge.counters().refusedAtCap());
      assertEquals(CAP, bridge.counters().open());
      List<Long> sorted = new ArrayList<>(healthMicros);
      Collections.sort(sorted);
      assertTrue(sorted.size() > 20, "only " + sorted.size() + " health probes ran");
      long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
      System.out.printf("tcp bridge flood: %d refused, /health/live p99 %d us, max %d us over %d probes%n", refused,
          p99, sorted.get(sorted.size() - 1), sorted.size());
      assertTrue(p99 < 100_000, "/health/live p99 " + p99 + " us under the flood");
      assertEquals(0, healthMicros.stream().filter(m -> m < 0).count(), "a health probe failed");
    } finally {
      flooding.set(false);
      for (RawBridgeSocket socket : held) {
        socket.close();
      }
    }
    // the slots come back once the held connections are gone
    EdgeStack.eventually(10, "a new connection is served", () -> {
      try (RawBridgeSocket again = new RawBridgeSocket(port, 2_000)) {
        again.write(new JsonObject().put("type", "ping"));
        JsonObject answer = again.nextOrClosed();
        return answer != null && "pong".equals(answer.getString("type"));
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** Probes /health/live back to back; a failed probe is recorded as -1. */
  private void probeHealth(AtomicBoolean flooding, List<Long> micros) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort() + "/health/live"))
        .timeout(Duration.ofSeconds(5)).build();
    while (flooding.get()) {
      long started = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(live, HttpResponse.BodyHandlers.ofString());
        micros.add(response.statusCode() == 200 ? (System.nanoTime() - started) / 1_000 : -1);
        Thread.sleep(5);
      } catch (IOException e) {
        micros.add(-1L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
