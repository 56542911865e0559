package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose URI cannot be decoded (a {@code %} not followed by two hex digits, or escapes that are not
 * UTF-8) with a 400, before any route decodes its path parameters and fails with a 500.
 */
final class WellFormedUri {

  private WellFormedUri() {
  }

  static void check(RoutingContext ctx) {
    String uri = ctx.request().uri();
    if (!decodable(uri)) {
      throw new ApiException(ErrorCode.MALFORMED_URI, "the request URI has an invalid percent-escape or is not UTF-8");
    }
    ctx.next();
  }

  static boolean decodable(String uri) {
    if (uri.indexOf('%') < 0) {
      return true;
    }
    ByteBuffer bytes = ByteBuffer.allocate(uri.length() * 3);
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%') {
        if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
            || Character.digit(uri.charAt(i + 2), 16) < 0) {
          return false;
        }
        bytes.put((byte) (Character.digit(uri.charAt(i + 1), 16) * 16 + Character.digit(uri.charAt(i + 2), 16)));
        i += 2;
      } else {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    bytes.flip();
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
