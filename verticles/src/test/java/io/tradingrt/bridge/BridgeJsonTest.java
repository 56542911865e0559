package io.tradingrt.bridge;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.Fixed;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A record published to many sockets is encoded once, and each frame still carries that record's own JSON. */
class BridgeJsonTest {

  private static Bar bar(long start, String close) {
    Fixed c = Fixed.parse(close);
    return new Bar("AAPL", "1s", start, c, c, c, c, Fixed.ONE, c, 1);
  }

  /** The envelope the SockJS bridge writes for each socket. */
  private static String frame(Object body) {
    return new JsonObject().put("type", "rec").put("address", "md.bars").put("body", body).encode();
  }

  @Test
  void theSameRecordIsEncodedOnceForEveryFrameAndEachFrameCarriesItsContractJson() throws Exception {
    BridgeJson.install();
    Bar first = bar(1_000_000, "101.25");
    Bar second = bar(2_000_000, "99.5");
    long before = BridgeJson.encodingsOnThisThread();
    for (int socket = 0; socket < 100; socket++) {
      assertEquals(new JsonObject(ContractJson.mapper().writeValueAsString(first)),
          new JsonObject(frame(first)).getJsonObject("body"), "socket " + socket);
    }
    assertEquals(1, BridgeJson.encodingsOnThisThread() - before, "one encoding for 100 frames of one record");
    JsonObject body = new JsonObject(frame(second)).getJsonObject("body");
    assertEquals("99.5", body.getString("close"), "a new record is not served another's JSON");
    assertEquals(2_000_000L, body.getLong("startMicros"));
    assertEquals(new JsonObject(ContractJson.mapper().writeValueAsString(first)),
        new JsonObject(frame(first)).getJsonObject("body"), "the first record is still recent");
    // an equal but distinct record is encoded on its own (identity, not equality, decides)
    long beforeCopy = BridgeJson.encodingsOnThisThread();
    frame(bar(1_000_000, "101.25"));
    assertEquals(1, BridgeJson.encodingsOnThisThread() - beforeCopy);
  }
}
