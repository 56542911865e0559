package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

import java.util.List;

/** One entry of the {@code strategies} list: {@code name}, {@code type}, {@code symbols} and the type's own keys. */
public sealed interface StrategySettings {

  String name();

  List<String> symbols();

  /** The strategy types and their keys beside name, type and symbols. */
  List<String> TYPES = List.of(MaCrossover.TYPE, MeanReversion.TYPE);

  /** {@code ma-crossover}: buys when the fast moving average crosses above the slow one. */
  record MaCrossover(String name, List<String> symbols, int fast, int slow, Fixed quantity)
      implements StrategySettings {
    public static final String TYPE = "ma-crossover";

    public MaCrossover {
      symbols = List.copyOf(symbols);
    }
  }

  /** {@code mean-reversion}: enters at entryZ standard deviations from the window's mean, exits at exitZ. */
  record MeanReversion(String name, List<String> symbols, int window, Fixed entryZ, Fixed exitZ, Fixed quantity)
      implements StrategySettings {
    public static final String TYPE = "mean-reversion";

    public MeanReversion {
      symbols = List.copyOf(symbols);
    }
  }

  /**
   * One strategy written as in runtime.json's {@code strategies} list (a backtest request carries them so), checked
   * as the loader checks it: unknown keys and wrong types are refused with one line naming {@code path}.
   */
  static StrategySettings fromJson(java.util.Map<String, Object> values, String path) {
    return new ConfigNode(path, values).read(StrategySettings::read);
  }

  static StrategySettings read(ConfigNode n) {
    String name = n.text("name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("every strategy needs a name");
    }
    String type = n.choice("type", TYPES);
    List<String> symbols = n.strings("symbols");
    return switch (type) {
      case MaCrossover.TYPE -> new MaCrossover(name, symbols, n.int32("fast"), n.int32("slow"), n.decimal("quantity"));
      default -> new MeanReversion(name, symbols, n.int32("window"), n.decimal("entryZ"), n.decimal("exitZ"),
          n.decimal("quantity"));
    };
  }
}
