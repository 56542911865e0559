package io.tradingrt.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blocking calls against the running edge, for tests that read top to bottom. */
public final class RestClient {
  private final WebClient client;

  public RestClient(Vertx vertx, int port) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public HttpResponse<Buffer> get(String path) {
    return EdgeStack.await(client.request(HttpMethod.GET, path).send());
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, String body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    request.putHeader("content-type", "application/json");
    return EdgeStack.await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  public HttpResponse<Buffer> post(String path, String token, String body) {
    return call(HttpMethod.POST, path, token, body);
  }

  /** Asserts the status and the JSON error shape, returning the error object. */
  public static JsonObject assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), () -> response.bodyAsString());
    assertTrue(response.getHeader("content-type").startsWith("application/json"), response.getHeader("content-type"));
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, response.bodyAsString());
    assertEquals(code, error.getString("code"), response.bodyAsString());
    assertEquals(status, error.getInteger("status"));
    assertTrue(!error.getString("message").isBlank());
    return error;
  }

  public static JsonObject assertOk(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), () -> response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
