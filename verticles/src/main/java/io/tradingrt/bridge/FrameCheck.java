package io.tradingrt.bridge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Checks one frame payload against what the TCP bridge library can handle without throwing: strict UTF-8, a JSON
 * object, a known {@code type}, string addresses, an object of string headers. Permissions and bodies stay with
 * {@link BridgePolicy}; this only keeps malformed input from reaching a library that would hang on it.
 */
public final class FrameCheck {
  public static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  // the library reads these headers as a number and a boolean; any other header value must be a string
  private static final String TIMEOUT = "timeout";
  private static final String LOCAL_ONLY = "localOnly";
  // a client must not pick a codec: an unknown codec name throws inside the library
  private static final String CODEC_NAME = "codecName";

  /** The parsed frame, or why it was refused. */
  public record Checked(JsonObject frame, FrameError.Rejection rejection) {
  }

  private FrameCheck() {
  }

  public static Checked check(byte[] payload) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return refused(FrameError.INVALID_UTF8.because("the frame is not valid UTF-8"));
    }
    Object json;
    try {
      json = Json.decodeValue(text);
    } catch (DecodeException | IllegalStateException e) {
      return refused(FrameError.INVALID_JSON.because("the frame is not JSON"));
    }
    if (!(json instanceof JsonObject frame)) {
      return refused(FrameError.NOT_AN_OBJECT.because("a frame is a JSON object"));
    }
    FrameError.Rejection rejection = fields(frame);
    return rejection == null ? new Checked(frame, null) : refused(rejection);
  }

  private static FrameError.Rejection fields(JsonObject frame) {
    Object type = frame.getValue("type");
    if (type == null) {
      return FrameError.MISSING_TYPE.because("a frame needs a type");
    }
    if (!(type instanceof String name) || !TYPES.contains(name)) {
      return FrameError.UNKNOWN_TYPE.because("type is one of send, publish, register, unregister, ping");
    }
    Object address = frame.getValue("address");
    if (address == null && !name.equals("ping")) {
      return FrameError.MISSING_ADDRESS.because(name + " needs an address");
    }
    if (address != null && !(address instanceof String)) {
      return FrameError.INVALID_ADDRESS.because("address is a string");
    }
    Object replyAddress = frame.getValue("replyAddress");
    if (replyAddress != null && !(replyAddress instanceof String)) {
      return FrameError.INVALID_REPLY_ADDRESS.because("replyAddress is a string");
    }
    Object failureCode = frame.getValue("failureCode");
    if (failureCode != null && !(failureCode instanceof Integer)) {
      return FrameError.INVALID_FAILURE_CODE.because("failureCode is a 32-bit integer");
    }
    return headers(frame.getValue("headers"));
  }

  private static FrameError.Rejection headers(Object headers) {
    if (headers == null) {
      return null;
    }
    if (!(headers instanceof JsonObject object)) {
      return FrameError.INVALID_HEADERS.because("headers is a JSON object");
    }
    for (Map.Entry<String, Object> header : object) {
      Object value = header.getValue();
      boolean valid = switch (header.getKey()) {
        case TIMEOUT -> (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0;
        case LOCAL_ONLY -> value instanceof Boolean;
        case CODEC_NAME -> false;
        default -> value instanceof String;
      };
      if (!valid) {
        return FrameError.INVALID_HEADERS.because("header " + abbreviated(header.getKey()) + " is not accepted: "
            + "values are strings, timeout a positive integer, localOnly a boolean, no codecName");
      }
    }
    return null;
  }

  private static String abbreviated(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }

  private static Checked refused(FrameError.Rejection rejection) {
    return new Checked(null, rejection);
  }
}
