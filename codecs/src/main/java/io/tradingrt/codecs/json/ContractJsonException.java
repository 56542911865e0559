package io.tradingrt.codecs.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.tradingrt.codecs.Fixed;

import java.util.stream.Collectors;

/** Malformed or invalid JSON for a contract record, with a message naming the field and the problem. */
public final class ContractJsonException extends IllegalArgumentException {

  /** Stable codes a client can react to; the message says which field and why. */
  public static final String MALFORMED_DECIMAL = "MALFORMED_DECIMAL";
  public static final String MALFORMED_JSON = "MALFORMED_JSON";

  private final String code;

  ContractJsonException(Class<?> type, JsonProcessingException cause) {
    super(describe(type, cause), cause);
    this.code = cause instanceof InvalidFormatException format && format.getTargetType() == Fixed.class
        ? MALFORMED_DECIMAL : MALFORMED_JSON;
  }

  public String code() {
    return code;
  }

  private static String describe(Class<?> type, JsonProcessingException e) {
    String field = "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = " at '" + mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")) + "'";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = root == e ? e.getOriginalMessage() : root.getMessage();
    if (root instanceof NullPointerException && detail != null && detail.matches("\\w+")) {
      // the record constructor's requireNonNull names the component that was missing or null
      detail = "'" + detail + "' is required";
    }
    return "invalid " + type.getSimpleName() + field + ": " + withoutJavaNames(firstLine(detail));
  }

  /** Jackson names Java classes ({@code `io.tradingrt.codecs.Side`}, {@code (class …)}); a client needs the type. */
  static String withoutJavaNames(String text) {
    return text.replaceAll(" ?\\(class [\\w.$]+\\)", "")
        .replace("`java.lang.String`", "text")
        .replaceAll("`(?:[a-z][\\w]*\\.)+([\\w$]+)`", "$1")
        .replaceAll("(?:[a-z][\\w]*\\.)+([A-Z][\\w$]*)", "$1");
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable input";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
