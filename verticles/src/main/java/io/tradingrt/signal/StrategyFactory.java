package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import java.util.List;
import java.util.Map;

/** Builds strategies from the {@code type} and parameter names of runtime.json's {@code strategies} entries. */
public final class StrategyFactory {

  public static final String MA_CROSSOVER = "ma-crossover";
  public static final String MEAN_REVERSION = "mean-reversion";

  private StrategyFactory() {
  }

  /** {@code parameters} holds the entry's remaining keys as text: fast, slow, window, entryZ, exitZ, quantity. */
  public static Strategy create(String name, String type, List<String> symbols, Map<String, String> parameters) {
    return switch (type) {
      case MA_CROSSOVER -> new MovingAverageCrossover(name, symbols, integer(name, parameters, "fast"),
          integer(name, parameters, "slow"), decimal(name, parameters, "quantity"));
      case MEAN_REVERSION -> new MeanReversion(name, symbols, integer(name, parameters, "window"),
          decimal(name, parameters, "entryZ"), decimal(name, parameters, "exitZ"),
          decimal(name, parameters, "quantity"));
      default -> throw new IllegalArgumentException("strategy " + name + " has unknown type '" + type
          + "'; known types are " + MA_CROSSOVER + " and " + MEAN_REVERSION);
    };
  }

  private static int integer(String name, Map<String, String> parameters, String key) {
    String text = required(name, parameters, key);
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strategy " + name + ": " + key + " must be an integer, got '" + text + "'");
    }
  }

  private static Fixed decimal(String name, Map<String, String> parameters, String key) {
    String text = required(name, parameters, key);
    try {
      return Fixed.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("strategy " + name + ": " + key + " " + e.getMessage());
    }
  }

  private static String required(String name, Map<String, String> parameters, String key) {
    String text = parameters.get(key);
    if (text == null) {
      throw new IllegalArgumentException("strategy " + name + " needs the parameter " + key);
    }
    return text;
  }
}
