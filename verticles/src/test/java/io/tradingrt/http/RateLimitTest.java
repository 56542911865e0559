package io.tradingrt.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tradingrt.http.RestClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

  @Test
  void aClientOverItsRateGets429WithRetryAfterAndRecovers() throws InterruptedException {
    try (EdgeStack stack = EdgeStack.start().http(new JsonObject().put("rateLimitPerSecond", 5))) {
      RestClient rest = new RestClient(stack.vertx, stack.httpPort());
      List<HttpResponse<Buffer>> responses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        responses.add(rest.get("/health/live"));
      }
      HttpResponse<Buffer> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst()
          .orElseThrow(() -> new AssertionError("no 429 in 12 requests at 5/s"));
      assertError(limited, 429, "RATE_LIMITED");
      assertNotNull(limited.getHeader("Retry-After"));
      assertTrue(Long.parseLong(limited.getHeader("Retry-After")) >= 1);
      Thread.sleep(1_100);
      assertEquals(200, rest.get("/health/live").statusCode());
    }
  }
}
