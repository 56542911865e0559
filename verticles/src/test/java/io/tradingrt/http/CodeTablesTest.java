package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.tradingrt.codecs.ReasonCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tables of codes users read (docs and the OpenAPI document) name exactly the codes the runtime sends. */
class CodeTablesTest {
  private static final Path DOCS = Path.of(System.getProperty("project.root", "..")).resolve("docs");

  @Test
  void theEventBusDocListsEveryReasonCodeWithItsWireIdAndSentence() throws IOException {
    String doc = Files.readString(DOCS.resolve("event-bus.md"));
    for (ReasonCode code : ReasonCode.values()) {
      String row = "| `" + code.code() + "` | " + code.wireId() + " | ";
      assertTrue(doc.contains(row), "docs/event-bus.md has no row " + row);
      String rest = doc.substring(doc.indexOf(row) + row.length());
      assertTrue(rest.startsWith(code.sentence()), code + ": the sentence in the doc is not the code's sentence");
    }
  }

  @Test
  void theHttpDocListsEveryErrorCode() throws IOException {
    String doc = Files.readString(DOCS.resolve("http-and-bridges.md"));
    String table = doc.substring(doc.indexOf("### Error codes"), doc.indexOf("## Bridges:"));
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(table.contains("`" + code.code() + "`"), "docs/http-and-bridges.md's table lacks " + code);
    }
  }

  @Test
  void theOpenApiDocumentEnumeratesTheReasonCodes() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/openapi.json")) {
      JsonObject api = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Object> listed = api.getJsonObject("components").getJsonObject("schemas").getJsonObject("ReasonCode")
          .getJsonArray("enum").getList();
      assertEquals(Arrays.stream(ReasonCode.values()).map(ReasonCode::code).toList(), listed);
    }
  }
}
