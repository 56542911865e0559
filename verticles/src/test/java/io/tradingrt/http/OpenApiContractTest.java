package io.tradingrt.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document, as Vert.x's OpenAPI parser reads it, and the HTTP verticle's router agree: every route with
 * a path is a documented operation, and every documented operation is routed. Routes that are pages or prefixes,
 * not API operations, are listed here with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  /** Routed, deliberately not in the document. */
  private static final Map<String, String> NOT_OPERATIONS = Map.of(
      "/api/*", "the token and media-type check in front of every POST and DELETE",
      "/eventbus/*", "the SockJS bridge (docs/http-and-bridges.md), not REST",
      "/webjars/*", "browser libraries",
      "/*", "the dashboard's static files",
      "/docs", "Swagger UI: a redirect to /docs/",
      "/docs/*", "Swagger UI's page and bundles",
      "/docs/swagger-initializer.js", "Swagger UI's start script");

  private EdgeStack stack;
  private HttpVerticle http;

  @BeforeAll
  void start() {
    stack = EdgeStack.start();
    http = stack.httpVerticle(new JsonObject());
    stack.deploy(http);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedPathIsRouted() {
    JsonObject document = assertOk(new RestClient(stack.vertx, http.actualPort()).get("/api/openapi.json"), 200);
    OpenAPIContract contract = EdgeStack.await(OpenAPIContract.from(stack.vertx, document));
    Set<String> documented = new TreeSet<>();
    for (Operation operation : contract.operations()) {
      documented.add(operation.getHttpMethod() + " " + operation.getOpenAPIPath());
    }
    Set<String> routed = new TreeSet<>();
    Set<String> seenExceptions = new TreeSet<>();
    for (Route route : http.router().getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
      if (NOT_OPERATIONS.containsKey(openApiPath) || NOT_OPERATIONS.containsKey(openApiPath + "*")) {
        seenExceptions.add(NOT_OPERATIONS.containsKey(openApiPath) ? openApiPath : openApiPath + "*");
        continue;
      }
      assertTrue(route.methods() != null && !route.methods().isEmpty(), path + " takes every method");
      for (HttpMethod method : route.methods()) {
        routed.add(method + " " + openApiPath);
      }
    }
    Set<String> undocumented = new TreeSet<>(routed);
    undocumented.removeAll(documented);
    Set<String> unrouted = new TreeSet<>(documented);
    unrouted.removeAll(routed);
    assertEquals(Set.of(), undocumented, "routed but not in openapi.json");
    assertEquals(Set.of(), unrouted, "in openapi.json but not routed");
    assertEquals(new TreeSet<>(NOT_OPERATIONS.keySet()), seenExceptions, "every exception is still routed");
    assertTrue(routed.containsAll(List.of("GET /api/pnl/strategies", "GET /api/risk/limits",
        "POST /api/positions/{symbol}/flatten", "GET /health/ready")), routed.toString());
  }
}
