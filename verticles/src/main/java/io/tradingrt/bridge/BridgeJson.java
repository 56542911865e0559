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
        gen.writeRawValue(RECENT.get().json(value));
      }
    });
  }

  /**
   * The SockJS bridge frames a published record once per socket that registered its address (its consumers get the
   * same instance: {@code RecordCodec.transform} does not copy), so the record's JSON is kept for the last few
   * records each event loop encoded and written raw into every further frame: one ContractJson encoding per publish
   * and thread instead of one per client. Records are immutable, and an entry holds its record, so an identity match
   * is the same content.
   */
  private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

  static final class Recent {
    private static final int SLOTS = 16;
    private final Object[] records = new Object[SLOTS];
    private final String[] json = new String[SLOTS];
    private int next;
    long encodings;

    String json(Object record) throws IOException {
      for (int i = 0; i < SLOTS; i++) {
        if (records[i] == record) {
          return json[i];
        }
      }
      String encoded = ContractJson.mapper().writeValueAsString(record);
      encodings++;
      records[next] = record;
      json[next] = encoded;
      next = (next + 1) % SLOTS;
      return encoded;
    }
  }

  /** How many records this thread has encoded (not served from the recent ones); for tests. */
  static long encodingsOnThisThread() {
    return RECENT.get().encodings;
  }
}
