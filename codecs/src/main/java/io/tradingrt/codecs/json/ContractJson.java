package io.tradingrt.codecs.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.ReasonCode;

import java.io.IOException;

/**
 * The one JSON mapping of the contract, used by bridges and REST. Fixed values are written as decimal strings so no
 * client parses money through a binary float; they are read from strings or JSON numbers in the strict form of
 * {@link Fixed#parse}. A {@link ReasonCode} is its name; a name this version does not know is refused by name.
 */
public final class ContractJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("tradingrt-contract")
          .addSerializer(Fixed.class, new FixedSerializer())
          .addDeserializer(Fixed.class, new FixedDeserializer())
          .addDeserializer(ReasonCode.class, new ReasonCodeDeserializer()))
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);

  private ContractJson() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Reads a record; bad input throws {@link ContractJsonException} with a one-line, user-facing message. */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new ContractJsonException(type, e);
    }
  }

  static final class FixedSerializer extends JsonSerializer<Fixed> {
    @Override
    public void serialize(Fixed value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  static final class FixedDeserializer extends JsonDeserializer<Fixed> {
    @Override
    public Fixed deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      String text = switch (token) {
        // a number's literal text, so 1E+2 is refused like the string "1E+2" instead of becoming 100
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
        default -> throw InvalidFormatException.from(p, "a decimal must be a JSON string or number", p.getText(),
            Fixed.class);
      };
      try {
        return Fixed.parse(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), text, Fixed.class);
      }
    }
  }

  static final class ReasonCodeDeserializer extends JsonDeserializer<ReasonCode> {
    @Override
    public ReasonCode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw InvalidFormatException.from(p, "a reason code must be a JSON string", p.getText(), ReasonCode.class);
      }
      String text = p.getText();
      try {
        return ReasonCode.parse(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), text, ReasonCode.class);
      }
    }
  }
}
