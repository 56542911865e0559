package io.tradingrt.backtest;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.config.StrategySettings;

/**
 * One parameter set of a sweep as a node with the {@code backtest} role receives it: the whole spec (so the node
 * needs none of the sender's configuration), the set, and where the ticks are. It travels as JSON (the contract's
 * mapping: money as decimal strings, doubles in their shortest exact form), and so does the {@link Outcome}, so a
 * run on another node gives a {@link BacktestResult} equal to the same run here.
 */
public record SweepJob(String sweepId, int index, String resultAddress, BacktestSpec spec,
                       SweepGrid.ParameterSet parameters, TickData data) {

  /**
   * What the node sends to the job's {@code resultAddress} when the run ends: its result, which node ran it and how
   * long it took there; or, for a run that failed, {@code error} and no result.
   */
  public record Outcome(int index, String node, long wallMillis, BacktestResult result, String error) {
    public static Outcome failed(int index, String node, String error) {
      return new Outcome(index, node, 0, null, error);
    }
  }

  /** What the node answers at once when it takes a job: its name, and its cluster node id (null out of a cluster). */
  public record Taken(String node, String nodeId) {
  }

  private static final ObjectMapper MAPPER = ContractJson.mapper().copy()
      .addMixIn(StrategySettings.class, StrategyTypes.class);

  /** A strategy's settings name their type as runtime.json does ({@code "type": "ma-crossover"}). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = StrategySettings.MaCrossover.class, name = StrategySettings.MaCrossover.TYPE),
      @JsonSubTypes.Type(value = StrategySettings.MeanReversion.class, name = StrategySettings.MeanReversion.TYPE)})
  private interface StrategyTypes {
  }

  /** Runs this set, on the calling thread, from its own source. */
  public Outcome run(String node) {
    long started = System.nanoTime();
    BacktestSpec its = spec.withStrategies(parameters.apply(spec.strategies()));
    BacktestResult result;
    try (TickSource source = data.open()) {
      result = new BacktestEngine(its).run(source, BacktestEngine.Progress.NONE);
    }
    return new Outcome(index, node, (System.nanoTime() - started) / 1_000_000, result, null);
  }

  public String toJson() {
    return write(this);
  }

  public static SweepJob fromJson(String json) {
    return read(json, SweepJob.class);
  }

  public static String write(Outcome outcome) {
    return write((Object) outcome);
  }

  public static Outcome outcome(String json) {
    return read(json, Outcome.class);
  }

  public static String write(Taken taken) {
    return write((Object) taken);
  }

  public static Taken taken(String json) {
    return read(json, Taken.class);
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a sweep job is plain data and always serialises", e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }
  }
}
