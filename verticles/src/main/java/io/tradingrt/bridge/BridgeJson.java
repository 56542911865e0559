package io.tradingrt.bridge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.codecs.wire.RecordCodec;
import io.tradingrt.codecs.json.ContractJson;
import io.vertx.core.json.jackson.DatabindCodec;

import java.io.IOException;

/**
 * Records cross both bridges as JSON written by {@link ContractJson}. The bus keeps carrying records under the same
 * address names; the bridges frame each outbound message with Vert.x's JSON codec, which is taught here to hand every
 * contract record to ContractJson. So a browser or a Python client sees {@code exec.fills} as the same JSON the REST
 * API returns, without a second mapping or a second set of {@code json.*} addresses.
 */
public final class BridgeJson {
  private static boolean installed;

  private BridgeJson() {
  }

  /** Idempotent; call before a bridge starts. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    SimpleModule module = new SimpleModule("tradingrt-bridge-records");
    for (RecordCodec<?> codec : ContractCodecs.all()) {
      addDelegate(module, codec.type());
    }
    DatabindCodec.mapper().registerModule(module);
    installed = true;
  }

  private static <T> void addDelegate(SimpleModule module, Class<T> type) {
    module.addSerializer(type, new JsonSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        ContractJson.mapper().writeValue(gen, value);
      }
    });
  }
}
