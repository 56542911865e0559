package io.tradingrt.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame validation: any payload gives exactly a frame or a rejection, and what passes is safe for the library. */
class FrameCheckProperties {

  @Property
  void anyPayloadIsEitherAFrameOrOneRejection(@ForAll @Size(max = 500) byte[] payload) {
    FrameCheck.Checked checked = FrameCheck.check(payload);
    assertTrue((checked.frame() == null) != (checked.rejection() == null), checked.toString());
  }

  @Property
  void anyJsonTextIsEitherAFrameOrOneRejection(@ForAll("jsonish") String text) {
    FrameCheck.Checked checked = FrameCheck.check(text.getBytes(StandardCharsets.UTF_8));
    assertTrue((checked.frame() == null) != (checked.rejection() == null), checked.toString());
  }

  @Property
  void wellFormedFramesOfEveryTypePass(@ForAll("types") String type, @ForAll @Size(max = 40) String address,
                                       @ForAll @Size(max = 40) String token) {
    JsonObject frame = new JsonObject().put("type", type).put("address", address).put("replyAddress", "r-1")
        .put("headers", new JsonObject().put("token", token).put("timeout", 5000).put("localOnly", true))
        .put("body", new JsonObject().put("anything", new JsonArray().add(1).addNull()));
    FrameCheck.Checked checked = FrameCheck.check(frame.encode().getBytes(StandardCharsets.UTF_8));
    assertNull(checked.rejection());
    assertEquals(frame, checked.frame());
  }

  @Example
  void aPingNeedsNoAddress() {
    assertNull(FrameCheck.check("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)).rejection());
  }

  @Example
  void eachMalformedKindHasItsReason() {
    assertRefused("{\"type\":\"send\",\"address\":\"a\",\"headers\":[]}", FrameError.INVALID_HEADERS);
    assertRefused("{\"type\":\"send\",\"address\":\"a\",\"headers\":{\"codecName\":\"x\"}}", FrameError.INVALID_HEADERS);
    assertRefused("{\"type\":\"send\",\"address\":\"a\",\"headers\":{\"timeout\":\"soon\"}}", FrameError.INVALID_HEADERS);
    assertRefused("{\"type\":\"send\",\"address\":\"a\",\"replyAddress\":1}", FrameError.INVALID_REPLY_ADDRESS);
    assertRefused("{\"type\":\"send\",\"address\":\"a\",\"failureCode\":\"500\"}", FrameError.INVALID_FAILURE_CODE);
    assertRefused("{\"type\":\"unregister\"}", FrameError.MISSING_ADDRESS);
    assertRefused("{\"type\":[\"send\"],\"address\":\"a\"}", FrameError.UNKNOWN_TYPE);
    assertRefused("{\"type\":\"message\",\"address\":\"a\"}", FrameError.UNKNOWN_TYPE);
    assertRefused("\"send\"", FrameError.NOT_AN_OBJECT);
    assertRefused("{\"type\":\"ping\"} trailing", FrameError.INVALID_JSON);
    assertRefused("[".repeat(5000), FrameError.INVALID_JSON);
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(FrameCheck.TYPES);
  }

  /** Strings built from JSON's own tokens, so many are valid JSON of the wrong shape rather than noise. */
  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.of("{", "}", "[", "]", ":", ",", "\"type\"", "\"send\"", "\"ping\"", "\"address\"",
        "\"headers\"", "\"a\"", "null", "1", "1e400", "true", "\"\\u0000\"", " ").list().ofMaxSize(30)
        .map(tokens -> String.join("", tokens));
  }

  private static void assertRefused(String json, FrameError expected) {
    FrameCheck.Checked checked = FrameCheck.check(json.getBytes(StandardCharsets.UTF_8));
    assertNotNull(checked.rejection(), json);
    assertEquals(expected, checked.rejection().error(), json);
  }
}
