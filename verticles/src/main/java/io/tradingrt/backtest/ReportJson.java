package io.tradingrt.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingrt.codecs.json.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JSON export of a run (docs/backtest.md): {@code report.json} (figures and counts, a function of the inputs
 * only, so two runs on the same inputs write the same bytes), {@code equity.json} (the curve), {@code fills.json}
 * and {@code run.json} (run id, wall time, ticks per second: what differs between runs). Fixed values are decimal
 * strings as everywhere in the contract's JSON.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = ContractJson.mapper().copy()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ReportJson() {
  }

  public static String report(BacktestResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("source", r.source()).put("ticks", r.ticks()).put("skippedLines", r.skippedLines())
        .put("firstMicros", r.firstMicros()).put("lastMicros", r.lastMicros()).put("bars", r.bars())
        .put("ordersSent", r.ordersSent()).put("stateChanges", r.stateChanges())
        .put("finalState", r.finalState().name()).put("fills", r.fills().size()).put("fillsHash", r.fillsHash());
    root.set("orderEvents", MAPPER.valueToTree(r.orderEvents()));
    root.set("denials", MAPPER.valueToTree(r.denials()));
    root.set("total", MAPPER.valueToTree(r.total()));
    root.set("strategies", MAPPER.valueToTree(r.strategies()));
    root.set("symbols", MAPPER.valueToTree(r.symbols()));
    return write(root);
  }

  public static String equity(BacktestResult r) {
    return write(r.curve());
  }

  public static String fills(BacktestResult r) {
    return write(r.fills());
  }

  /** Writes the four files into {@code dir} (created if missing). */
  public static void export(BacktestResult r, Map<String, Object> run, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.json"), report(r), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("equity.json"), equity(r), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("fills.json"), fills(r), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("run.json"), write(run), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the backtest report into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Stored JSON (a report, the strategies of a run) as a tree, to be written again inside another document. */
  public static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored backtest JSON is written by this class and always parses", e);
    }
  }

  /** Any plain value (records, maps, lists) as the report files write it. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a backtest report is plain data and always serialises", e);
    }
  }
}
