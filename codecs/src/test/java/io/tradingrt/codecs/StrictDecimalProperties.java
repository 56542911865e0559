package io.tradingrt.codecs;

import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.json.ContractJsonException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge's decimal form: exactly what Fixed writes, nothing a lenient parser would also take. */
@Domain(ContractArbitraries.class)
class StrictDecimalProperties {

  @Property(tries = 2000)
  void everyWrittenValueParsesBackStrictly(@ForAll Fixed value) {
    assertEquals(value, Fixed.parse(value.toString()));
  }

  @Property(tries = 1000)
  void lenientSpellingsAreRefused(@ForAll("lenientSpellings") String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixed.parse(text));
    assertTrue(e.getMessage().startsWith("malformed decimal"), e.getMessage());
  }

  @Example
  void otherScriptsDigitsAreNotNumbers() {
    // Arabic-Indic twelve: BigDecimal reads it as 12
    assertEquals(Fixed.of(12), Fixed.of("\u0661\u0662"));
    assertThrows(IllegalArgumentException.class, () -> Fixed.parse("\u0661\u0662"));
  }

  @Example
  void jsonNumbersWithAnExponentAreMalformedDecimals() {
    String json = "{\"command\":\"HALT\",\"reason\":\"r\",\"tsMicros\":1}";
    ContractJson.read(json, RiskControl.class);
    ContractJsonException e = assertThrows(ContractJsonException.class, () -> ContractJson.read(
        "{\"symbol\":\"A\",\"seq\":1,\"bid\":1E+2,\"ask\":\"1\",\"bidSize\":\"1\",\"askSize\":\"1\",\"last\":\"1\","
            + "\"lastSize\":\"1\",\"tsMicros\":1}", Tick.class));
    assertEquals(ContractJsonException.MALFORMED_DECIMAL, e.code());
    assertTrue(e.getMessage().contains("bid"), e.getMessage());
  }

  @Property(tries = 500)
  void storableIsExactlyDecimal18Comma8(@ForAll Fixed value) {
    boolean fits = value.toBigDecimal().abs().compareTo(new java.math.BigDecimal("9999999999.99999999")) <= 0;
    assertEquals(fits, value.isStorable());
  }

  @Example
  void tenBillionIsNotStorable() {
    assertFalse(Fixed.parse("10000000000").isStorable());
    assertTrue(Fixed.parse("9999999999.99999999").isStorable());
  }

  @Provide
  Arbitrary<String> lenientSpellings() {
    Arbitrary<String> plain = ContractArbitraries.decimals(1_000_000, true).map(Fixed::toString);
    return Arbitraries.oneOf(
        plain.map(s -> "+" + s.replace("-", "")),
        plain.map(s -> " " + s),
        plain.map(s -> s + " "),
        plain.map(s -> s + "E0"),
        plain.map(s -> s + "e+2"),
        plain.map(s -> s.replace('1', '\u0661')).filter(s -> s.indexOf('\u0661') >= 0),
        plain.map(s -> s.replace('5', '\uff15')).filter(s -> s.indexOf('\uff15') >= 0),
        plain.map(s -> s + "."),
        plain.map(s -> "." + s.replace("-", "")),
        plain.map(s -> s + ".123456789"),
        plain.map(s -> s + "_0"),
        Arbitraries.of("", "-", "--1", "1..2", "0x10", "NaN", "Infinity", "1,5", "1.2.3"));
  }
}
