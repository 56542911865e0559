package io.tradingrt.codecs.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** Malformed or invalid JSON for a contract record, with a message naming the field and the problem. */
public final class ContractJsonException extends IllegalArgumentException {

  ContractJsonException(Class<?> type, JsonProcessingException cause) {
    super(describe(type, cause), cause);
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
    return "invalid " + type.getSimpleName() + field + ": " + firstLine(detail);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable input";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
