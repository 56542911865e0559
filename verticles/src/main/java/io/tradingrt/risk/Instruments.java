package io.tradingrt.risk;

import io.tradingrt.config.InstrumentSettings;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tradable instruments: a symbol not in here is denied as UNKNOWN_INSTRUMENT. */
public final class Instruments {

  /** The key of runtime.json's {@code instruments} section that applies to symbols without their own entry. */
  public static final String DEFAULT_KEY = InstrumentSettings.DEFAULT_KEY;

  private final Map<String, InstrumentSpec> bySymbol;

  public Instruments(Map<String, InstrumentSpec> bySymbol) {
    this.bySymbol = Map.copyOf(bySymbol);
  }

  /** Each of {@code symbols} gets its own entry from {@code configured}, else the {@code default} entry if any. */
  public static Instruments expand(Map<String, InstrumentSpec> configured, Collection<String> symbols) {
    Map<String, InstrumentSpec> expanded = new TreeMap<>();
    InstrumentSpec fallback = configured.get(DEFAULT_KEY);
    for (String symbol : symbols) {
      InstrumentSpec spec = configured.getOrDefault(symbol, fallback);
      if (spec != null) {
        expanded.put(symbol, spec);
      }
    }
    configured.forEach((symbol, spec) -> {
      if (!symbol.equals(DEFAULT_KEY)) {
        expanded.put(symbol, spec);
      }
    });
    return new Instruments(expanded);
  }

  /** The {@code instruments} section (by symbol or {@code default}) expanded over the fed symbols, as risk uses it. */
  public static Instruments fromSettings(Map<String, InstrumentSettings> configured, Collection<String> symbols) {
    Map<String, InstrumentSpec> specs = new HashMap<>();
    configured.forEach((symbol, spec) -> specs.put(symbol, new InstrumentSpec(spec.tickSize(), spec.lotSize(),
        spec.minQuantity(), spec.maxQuantity(), spec.minPrice(), spec.maxPrice())));
    return expand(specs, symbols);
  }

  /** Every tradable symbol, in symbol order. */
  public java.util.Set<String> symbols() {
    return new java.util.TreeSet<>(bySymbol.keySet());
  }

  public Optional<InstrumentSpec> find(String symbol) {
    return Optional.ofNullable(bySymbol.get(symbol));
  }
}
