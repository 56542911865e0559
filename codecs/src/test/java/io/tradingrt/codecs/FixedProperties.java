package io.tradingrt.codecs;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.domains.Domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixed is exact money: it agrees with BigDecimal wherever the result is representable, and throws where not. */
@Domain(ContractArbitraries.class)
class FixedProperties {

  private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE, Fixed.SCALE);
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE, Fixed.SCALE);

  @Property(tries = 2000)
  void parsingTheStringFormGivesTheSameValue(@ForAll Fixed value) {
    assertEquals(value, Fixed.of(value.toString()));
  }

  @Property(tries = 2000)
  void stringFormIsPlainWithoutTrailingZeros(@ForAll Fixed value) {
    String text = value.toString();
    assertTrue(text.matches("-?\\d+(\\.\\d*[1-9])?"), text);
    assertEquals(0, value.toBigDecimal().compareTo(new BigDecimal(text)));
  }

  @Property(tries = 2000)
  void minusUndoesPlusOrPlusThrowsOnOverflow(@ForAll Fixed a, @ForAll Fixed b) {
    BigDecimal exactSum = a.toBigDecimal().add(b.toBigDecimal());
    if (inRange(exactSum)) {
      Fixed sum = a.plus(b);
      assertEquals(Fixed.of(exactSum), sum);
      assertEquals(a, sum.minus(b));
    } else {
      assertThrows(ArithmeticException.class, () -> a.plus(b));
    }
  }

  @Property(tries = 2000)
  void timesIsExactWhenTheProductHasAtMostEightDecimals(@ForAll("exactlyMultipliable") Tuple2<Fixed, Fixed> pair) {
    BigDecimal exact = pair.get1().toBigDecimal().multiply(pair.get2().toBigDecimal());
    Fixed product = pair.get1().times(pair.get2());
    assertEquals(0, exact.compareTo(product.toBigDecimal()), () -> pair + " gave " + product + ", exact " + exact);
  }

  @Property(tries = 2000)
  void timesRoundsHalfEvenLikeBigDecimalOrThrowsOutOfRange(@ForAll Fixed a, @ForAll Fixed b) {
    BigDecimal rounded = a.toBigDecimal().multiply(b.toBigDecimal()).setScale(Fixed.SCALE, RoundingMode.HALF_EVEN);
    if (inRange(rounded)) {
      assertEquals(Fixed.of(rounded), a.times(b));
    } else {
      assertThrows(IllegalArgumentException.class, () -> a.times(b));
    }
  }

  @Property(tries = 2000)
  void orderingAgreesWithBigDecimal(@ForAll Fixed a, @ForAll Fixed b) {
    int expected = a.toBigDecimal().compareTo(b.toBigDecimal());
    assertEquals(expected, Integer.signum(a.compareTo(b)));
    assertEquals(expected == 0, a.equals(b));
    assertEquals(expected > 0, a.greaterThan(b));
    assertEquals(expected < 0, a.lessThan(b));
  }

  @Property(tries = 500)
  void moreThanEightFractionalDigitsIsRejectedNotRounded(@ForAll Fixed value) {
    String tooPrecise = value.toBigDecimal().setScale(Fixed.SCALE).toPlainString() + "1";
    assertThrows(IllegalArgumentException.class, () -> Fixed.of(tooPrecise));
  }

  /** Pairs whose fractional digits add up to at most 8; small ones take the long fast path, larger ones do not. */
  @Provide
  Arbitrary<Tuple2<Fixed, Fixed>> exactlyMultipliable() {
    Arbitrary<Fixed> factors = Arbitraries.oneOf(ContractArbitraries.decimals(30, true),
        ContractArbitraries.decimals(100_000, true));
    return Arbitraries.integers().between(0, Fixed.SCALE).flatMap(digitsOfA ->
        Combinators.combine(factors, factors, Arbitraries.integers().between(0, Fixed.SCALE - digitsOfA))
            .as((a, b, digitsOfB) -> Tuple.of(truncate(a, digitsOfA), truncate(b, digitsOfB))));
  }

  private static Fixed truncate(Fixed value, int fractionalDigits) {
    return Fixed.of(value.toBigDecimal().setScale(fractionalDigits, RoundingMode.DOWN));
  }

  private static boolean inRange(BigDecimal value) {
    return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
  }
}
