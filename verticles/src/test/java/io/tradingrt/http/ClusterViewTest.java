package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tradingrt.http.EdgeStack.await;
import static io.tradingrt.http.EdgeStack.eventually;
import static io.tradingrt.http.RestClient.assertError;
import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the edge shows of the cluster, against a {@code cluster.view} answerer registered by the test with the JSON of
 * docs/cluster.md: {@code GET /api/cluster}, the readiness check and the Prometheus gauges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterViewTest {
  private EdgeStack stack;
  private RestClient rest;
  private MessageConsumer<Object> answerer;
  private final AtomicReference<Object> answer = new AtomicReference<>();

  @BeforeAll
  void start() {
    // no feed and no storage here: readiness is the cluster check alone
    stack = EdgeStack.start().http(new JsonObject().put("expectFeed", false));
    rest = new RestClient(stack.vertx, stack.httpPort());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @AfterEach
  void unregister() {
    if (answerer != null) {
      await(answerer.unregister());
      answerer = null;
    }
  }

  @Test
  void aViewWithEveryRequiredHolderIsServedAsItIsAndReadyIsUp() {
    JsonObject view = view(List.of());
    answerWith(view);
    assertEquals(view, assertOk(rest.get("/api/cluster"), 200));
    JsonObject ready = assertOk(rest.get("/health/ready"), 200);
    assertEquals("UP", ready.getString("status"));
    JsonObject cluster = ready.getJsonObject("checks").getJsonObject("cluster");
    assertEquals("UP", cluster.getString("status"));
    assertTrue(cluster.getBoolean("answered"));
    assertEquals(new JsonArray(), cluster.getJsonArray("missing"));
    assertEquals(new JsonObject().put("storage", "node-b").put("trading-core", "node-a").put("ingest", "node-a")
        .put("bars", null), cluster.getJsonObject("holders"), "each singleton with its holder, null for none");
  }

  @Test
  void aRequiredSingletonWithoutHolderMakesReadyDownAndNamesIt() {
    answerWith(view(List.of("trading-core")));
    JsonObject ready = assertOk(rest.get("/health/ready"), 503);
    assertEquals("DOWN", ready.getString("status"));
    JsonObject cluster = ready.getJsonObject("checks").getJsonObject("cluster");
    assertEquals("DOWN", cluster.getString("status"));
    assertEquals(new JsonArray().add("trading-core"), cluster.getJsonArray("missing"));
    assertTrue(cluster.getString("detail").contains("trading-core"), cluster.encode());
    assertTrue(cluster.getJsonObject("holders").containsKey("trading-core"));
    assertNull(cluster.getJsonObject("holders").getValue("trading-core"));
    assertEquals("DOWN", assertOk(rest.get("/health"), 503).getString("status"));
    assertEquals("UP", assertOk(rest.get("/health/live"), 200).getString("status"), "the process itself is alive");
  }

  @Test
  void withoutAnAnswererTheRouteIs503AndReadinessIsAsBefore() {
    JsonObject error = assertError(rest.get("/api/cluster"), 503, "CLUSTER_UNAVAILABLE");
    assertTrue(error.getString("message").contains("cluster.view"), error.encode());
    JsonObject ready = assertOk(rest.get("/health/ready"), 200);
    JsonObject cluster = ready.getJsonObject("checks").getJsonObject("cluster");
    assertEquals("UP", cluster.getString("status"));
    assertFalse(cluster.getBoolean("clustered"));
    assertFalse(cluster.getBoolean("answered"));
    assertFalse(cluster.containsKey("missing"), "no view, no list of missing singletons: " + cluster.encode());
  }

  @Test
  void anAnswererThatNeverRepliesIs504AndNotReady() {
    answerer = stack.vertx.eventBus().consumer(Addresses.CLUSTER_VIEW, message -> { });
    await(answerer.completion());
    assertError(rest.get("/api/cluster"), 504, "CLUSTER_UNAVAILABLE");
    JsonObject cluster = assertOk(rest.get("/health/ready"), 503).getJsonObject("checks").getJsonObject("cluster");
    assertEquals("DOWN", cluster.getString("status"));
    assertFalse(cluster.getBoolean("answered"));
  }

  @Test
  void anAnswerThatIsNotTheViewIs502AndNotReady() {
    answerWith("not a view");
    JsonObject error = assertError(rest.get("/api/cluster"), 502, "UPSTREAM_FAILED");
    assertTrue(error.getString("message").contains("not a JSON object"), error.encode());
    answerWith(new JsonObject().put("missing", "trading-core"));
    JsonObject cluster = assertOk(rest.get("/health/ready"), 503).getJsonObject("checks").getJsonObject("cluster");
    assertEquals("DOWN", cluster.getString("status"));
    assertTrue(cluster.getBoolean("answered") && cluster.getString("detail").contains("'missing' is not an array"),
        cluster.encode());
  }

  @Test
  void theGaugesFollowTheViewAndVanishWithIt() {
    answerWith(view(List.of()));
    eventually(5, "the cluster gauges from the view", () -> value("tradingrt_cluster_members", "") == 2);
    String metrics = scrape();
    assertEquals(1, value(metrics, "tradingrt_cluster_view_answered", ""));
    assertEquals(0, value(metrics, "tradingrt_cluster_missing", ""));
    assertEquals(1, value(metrics, "tradingrt_cluster_singleton_held", "{singleton=\"trading-core\"}"));
    assertEquals(0, value(metrics, "tradingrt_cluster_singleton_held", "{singleton=\"bars\"}"));
    assertEquals(4, value(metrics, "tradingrt_cluster_singleton_term", "{singleton=\"trading-core\"}"));
    assertEquals(1, value(metrics, "tradingrt_cluster_strategies_held", "{node=\"node-a\"}"));
    assertEquals(0, value(metrics, "tradingrt_cluster_strategies_held", "{node=\"node-b\"}"));
    assertEquals(1, value(metrics, "tradingrt_cluster_strategies_unplaced", ""));

    answerWith(view(List.of("trading-core")));
    eventually(5, "trading-core no longer held", () -> value("tradingrt_cluster_missing", "") == 1);
    assertEquals(0, value(scrape(), "tradingrt_cluster_singleton_held", "{singleton=\"trading-core\"}"));

    unregister();
    eventually(5, "the view stops answering", () -> value("tradingrt_cluster_view_answered", "") == 0);
    assertFalse(scrape().contains("tradingrt_cluster_members"), "no member count without a view");
  }

  private void answerWith(Object body) {
    answer.set(body);
    if (answerer == null) {
      answerer = stack.vertx.eventBus().consumer(Addresses.CLUSTER_VIEW, message -> message.reply(answer.get()));
      await(answerer.completion());
    }
  }

  /**
   * Two nodes as docs/cluster.md shows them: node-a holds trading-core and ingest, node-b storage, nobody bars (not
   * required); momentum runs on node-a, mean-reversion nowhere. {@code missing} names singletons whose holder is null.
   */
  private static JsonObject view(List<String> missing) {
    JsonObject a = node("a");
    JsonObject b = node("b");
    JsonArray singletons = new JsonArray()
        .add(singleton("storage", true, b, 1))
        .add(singleton("trading-core", true, missing.contains("trading-core") ? null : a, 4))
        .add(singleton("ingest", true, a, 2))
        .add(singleton("bars", false, null, 0));
    return new JsonObject().put("clustered", true).put("node", a)
        .put("members", new JsonArray()
            .add(member(a, List.of("ingest", "portfolio", "execution", "risk", "signal"),
                missing.contains("trading-core") ? List.of("ingest", "strategy:momentum")
                    : List.of("trading-core", "ingest", "strategy:momentum")))
            .add(member(b, List.of("storage", "http", "signal"), List.of("storage"))))
        .put("singletons", singletons)
        .put("strategies", new JsonArray()
            .add(new JsonObject().put("name", "momentum").put("holder", a).put("term", 2)
                .put("since", "2026-12-01T18:21:07.456Z").put("eligible", new JsonArray().add("node-a").add("node-b")))
            .add(new JsonObject().put("name", "mean-reversion").putNull("holder").put("term", 3)
                .put("since", "2026-12-01T18:22:00.000Z").put("eligible", new JsonArray().add("node-a"))))
        .put("missing", new JsonArray(missing)).put("leaseMillis", 3000);
  }

  private static JsonObject node(String letter) {
    return new JsonObject().put("id", letter + "5f0c").put("name", "node-" + letter);
  }

  private static JsonObject member(JsonObject node, List<String> roles, List<String> holds) {
    return node.copy().put("roles", new JsonArray(roles)).put("holds", new JsonArray(holds))
        .put("joinedAt", "2026-12-01T18:20:01.123Z");
  }

  private static JsonObject singleton(String name, boolean required, JsonObject holder, long term) {
    return new JsonObject().put("name", name).put("roles", new JsonArray().add(name)).put("required", required)
        .put("holder", holder).put("term", term).put("since", term == 0 ? null : "2026-12-01T18:21:07.456Z")
        .put("eligible", new JsonArray().add("node-a").add("node-b"));
  }

  private String scrape() {
    return rest.get("/metrics").bodyAsString();
  }

  private double value(String name, String labels) {
    try {
      return value(scrape(), name, labels);
    } catch (AssertionError notThereYet) {
      return Double.NaN;
    }
  }

  private static double value(String metrics, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + labels) + "\\s+(\\S+)$").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError(name + labels + " is not on /metrics");
    }
    return Double.parseDouble(m.group(1));
  }
}
