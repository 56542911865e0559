package io.tradingrt.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.json.ContractJsonException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad JSON from a bridge or REST client is rejected with a ContractJsonException whose message names the field. */
@Domain(ContractArbitraries.class)
@Domain(DomainContext.Global.class)
class ContractJsonProperties {

  private static final Set<String> TICK_DECIMALS = Set.of("bid", "ask", "bidSize", "askSize", "last", "lastSize");

  @Example
  void aQuantityThatIsNotANumberIsRejectedNamingTheField() {
    OrderRequest order = new OrderRequest("c-1", "twap", "BTC-USD", Side.BUY, OrderType.MARKET, Fixed.ONE, null,
        TimeInForce.IOC, false, 1L);
    assertRejectedNaming("quantity", order, json -> json.put("quantity", "abc"));
  }

  @Example
  void anUnknownSideIsRejectedNamingTheField() {
    OrderRequest order = new OrderRequest("c-1", "twap", "BTC-USD", Side.BUY, OrderType.MARKET, Fixed.ONE, null,
        TimeInForce.IOC, false, 1L);
    assertRejectedNaming("side", order, json -> json.put("side", "HOLD"));
  }

  @Property(tries = 200)
  void aMissingSymbolIsRejectedNamingTheField(@ForAll Tick tick) {
    String message = assertRejectedNaming("symbol", tick, json -> json.remove("symbol"));
    assertEquals("invalid Tick: 'symbol' is required", message);
  }

  @Property(tries = 200)
  void aMissingDecimalIsRejectedNamingTheField(@ForAll Tick tick, @ForAll("tickDecimalFields") String field) {
    String message = assertRejectedNaming(field, tick, json -> json.remove(field));
    assertEquals("invalid Tick: '" + field + "' is required", message);
  }

  @Property(tries = 200)
  void aMissingNumberIsRejectedNotDefaultedToZero(@ForAll Tick tick) {
    assertRejectedNaming("tsMicros", tick, json -> json.remove("tsMicros"));
  }

  @Property(tries = 200)
  void anUnknownFieldIsRejectedNamingIt(@ForAll OrderRequest order, @ForAll("unknownFieldNames") String field) {
    assertRejectedNaming(field, order, json -> json.put(field, "1"));
  }

  @Property(tries = 300)
  void aDecimalWithNineFractionalDigitsIsRejectedNamingTheField(@ForAll Tick tick,
                                                                @ForAll("tickDecimalFields") String field,
                                                                @ForAll("nineDigitDecimals") String tooPrecise,
                                                                @ForAll boolean asJsonNumber) {
    assertRejectedNaming(field, tick, json -> {
      if (asJsonNumber) {
        json.put(field, new BigDecimal(tooPrecise));
      } else {
        json.put(field, tooPrecise);
      }
    });
  }

  @Property(tries = 200)
  void aBadDecimalInsideAListIsRejectedNamingThePath(@ForAll PortfolioSnapshot snapshot) {
    Assume.that(!snapshot.positions().isEmpty());
    assertRejectedNaming("positions.[0].avgPrice", snapshot,
        json -> ((ObjectNode) json.withArray("positions").get(0)).put("avgPrice", "1.5x"));
  }

  @Property(tries = 500)
  void aDecimalReadsTheSameFromAJsonNumberAsFromAString(@ForAll Tick tick) {
    ObjectNode json = toTree(tick);
    // the number in plain notation: an exponent (0E-8) is refused like any other lenient spelling
    TICK_DECIMALS.forEach(field -> json.putRawValue(field, new RawValue(tick.bid().toString())));
    Tick fromNumbers = ContractJson.read(json.toString(), Tick.class);
    TICK_DECIMALS.forEach(field -> json.put(field, tick.bid().toString()));
    assertEquals(ContractJson.read(json.toString(), Tick.class), fromNumbers);
  }

  @Property(tries = 300)
  void truncatedJsonIsAContractJsonExceptionNotACrash(@ForAll OrderEvent event, @ForAll @IntRange(max = 99) int cut) {
    String json = ContractJson.write(event);
    String truncated = json.substring(0, json.length() * cut / 100);
    assertThrows(ContractJsonException.class, () -> ContractJson.read(truncated, OrderEvent.class));
  }

  @Provide
  Arbitrary<String> tickDecimalFields() {
    return Arbitraries.of(TICK_DECIMALS);
  }

  @Provide
  Arbitrary<String> unknownFieldNames() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
        .filter(name -> !Set.of("clientOrderId", "strategy", "symbol", "side", "type", "quantity", "limitPrice",
            "timeInForce", "reduceOnly", "tsMicros").contains(name));
  }

  /** A value with exactly nine fractional digits, the last non-zero: never representable, never to be rounded. */
  @Provide
  Arbitrary<String> nineDigitDecimals() {
    return ContractArbitraries.decimals(1_000_000, true)
        .flatMap(value -> Arbitraries.integers().between(1, 9)
            .map(lastDigit -> value.toBigDecimal().setScale(Fixed.SCALE).toPlainString() + lastDigit));
  }

  private static <T> String assertRejectedNaming(String field, T valid, Consumer<ObjectNode> corrupt) {
    ObjectNode json = toTree(valid);
    corrupt.accept(json);
    ContractJsonException e = assertThrows(ContractJsonException.class,
        () -> ContractJson.read(json.toString(), valid.getClass()));
    assertTrue(e.getMessage().contains(field), () -> "message does not name '" + field + "': " + e.getMessage());
    assertTrue(e.getMessage().startsWith("invalid " + valid.getClass().getSimpleName()), e.getMessage());
    return e.getMessage();
  }

  private static ObjectNode toTree(Object value) {
    try {
      JsonNode tree = ContractJson.mapper().readTree(ContractJson.write(value));
      return (ObjectNode) tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
