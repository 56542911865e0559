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
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.Supplier;

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

  // ---- times / timesBps / dividedBy against the BigDecimal reference, bit for bit (values and exceptions) ----

  @Property(tries = 10_000)
  void timesEqualsTheBigDecimalReferenceAcrossTheWholeRange(@ForAll Fixed a, @ForAll Fixed b) {
    assertSameOutcome(() -> referenceTimes(a, b), () -> a.times(b), a + " × " + b);
  }

  @Property(tries = 10_000)
  void timesEqualsTheBigDecimalReferenceNearTheRangeLimit(@ForAll("nearRangeLimit") Tuple2<Fixed, Fixed> pair) {
    Fixed a = pair.get1();
    Fixed b = pair.get2();
    assertSameOutcome(() -> referenceTimes(a, b), () -> a.times(b), a + " × " + b);
    assertSameOutcome(() -> referenceTimes(b, a), () -> b.times(a), b + " × " + a);
  }

  @Property(tries = 10_000)
  void timesRoundsExactTiesToEven(@ForAll("productTies") Tuple2<Fixed, Fixed> pair) {
    Fixed a = pair.get1();
    Fixed b = pair.get2();
    assertSameOutcome(() -> referenceTimes(a, b), () -> a.times(b), a + " × " + b);
  }

  @Property(tries = 10_000)
  void timesBpsEqualsTheBigDecimalReference(@ForAll Fixed a, @ForAll("bps") long bps) {
    assertSameOutcome(() -> referenceTimesBps(a, bps), () -> a.timesBps(bps), a + " × " + bps + "bp");
  }

  @Property(tries = 10_000)
  void timesBpsRoundsExactTiesToEven(@ForAll("bpsTieRaws") long raw, @ForAll("oddBps") long bps) {
    Fixed a = Fixed.ofRaw(raw);
    assertSameOutcome(() -> referenceTimesBps(a, bps), () -> a.timesBps(bps), a + " × " + bps + "bp");
  }

  @Property(tries = 10_000)
  void dividedByEqualsTheBigDecimalReference(@ForAll Fixed a, @ForAll Fixed b) {
    if (b.isZero()) {
      assertThrows(ArithmeticException.class, () -> a.dividedBy(b));
    } else {
      assertSameOutcome(() -> referenceDividedBy(a, b), () -> a.dividedBy(b), a + " / " + b);
    }
  }

  @Property(tries = 10_000)
  void dividedByRoundsExactTiesToEven(@ForAll("quotientTies") Tuple2<Fixed, Fixed> pair) {
    Fixed a = pair.get1();
    Fixed b = pair.get2();
    assertSameOutcome(() -> referenceDividedBy(a, b), () -> a.dividedBy(b), a + " / " + b);
  }

  private static Fixed referenceTimes(Fixed a, Fixed b) {
    return Fixed.ofRounded(a.toBigDecimal().multiply(b.toBigDecimal()));
  }

  private static Fixed referenceTimesBps(Fixed a, long bps) {
    return Fixed.ofRounded(a.toBigDecimal().multiply(BigDecimal.valueOf(bps)).movePointLeft(4));
  }

  private static Fixed referenceDividedBy(Fixed a, Fixed b) {
    return Fixed.ofRounded(a.toBigDecimal().divide(b.toBigDecimal(), Fixed.SCALE, RoundingMode.HALF_EVEN));
  }

  /** Same value, or the same exception type and message, as the reference. */
  private static void assertSameOutcome(Supplier<Fixed> reference, Supplier<Fixed> actual, String what) {
    Fixed expected;
    try {
      expected = reference.get();
    } catch (RuntimeException e) {
      RuntimeException thrown = assertThrows(RuntimeException.class, actual::get, what);
      assertEquals(e.getClass(), thrown.getClass(), what);
      assertEquals(e.getMessage(), thrown.getMessage(), what);
      return;
    }
    assertEquals(expected, actual.get(), what);
  }

  /** a anywhere, b with |a·b| around the top of the range: uniformly below it and right at the boundary. */
  @Provide
  Arbitrary<Tuple2<Fixed, Fixed>> nearRangeLimit() {
    return Combinators.combine(ContractArbitraries.fixeds().filter(f -> !f.isZero()), Arbitraries.doubles().between(0, 1),
        Arbitraries.integers().between(-2, 2), Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as((a, fraction, offset, atEdge, negative) -> {
          BigInteger absA = BigInteger.valueOf(a.raw()).abs();
          BigInteger bound = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(Fixed.ONE_RAW)).divide(absA);
          BigInteger magnitude = atEdge ? bound.add(BigInteger.valueOf(offset))
              : new BigDecimal(bound).multiply(BigDecimal.valueOf(fraction)).toBigInteger();
          BigInteger b = negative ? magnitude.negate() : magnitude;
          b = b.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE));
          return Tuple.of(a, Fixed.ofRaw(b.longValueExact()));
        });
  }

  /** a = ±0.5·m, b an odd raw: the exact product ends in exactly half a unit of the 8th digit when m is odd. */
  @Provide
  Arbitrary<Tuple2<Fixed, Fixed>> productTies() {
    long maxHalves = Long.MAX_VALUE / (Fixed.ONE_RAW / 2);
    Arbitrary<Long> halves = Arbitraries.oneOf(Arbitraries.longs().between(-maxHalves, maxHalves),
        Arbitraries.longs().between(-1_000_000, 1_000_000));
    Arbitrary<Long> odd = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
        .map(x -> x | 1);
    return Combinators.combine(halves, odd)
        .as((m, b) -> Tuple.of(Fixed.ofRaw(m * (Fixed.ONE_RAW / 2)), Fixed.ofRaw(b)));
  }

  @Provide
  Arbitrary<Long> bps() {
    return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-20_000, 20_000),
        Arbitraries.of(0L, 1L, -1L, 10_000L, -10_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
  }

  @Provide
  Arbitrary<Long> bpsTieRaws() {
    long maxHalves = Long.MAX_VALUE / 5_000;
    return Arbitraries.oneOf(Arbitraries.longs().between(-maxHalves, maxHalves), Arbitraries.longs().between(-1_000_000, 1_000_000))
        .map(m -> m * 5_000);
  }

  @Provide
  Arbitrary<Long> oddBps() {
    return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-20_000, 20_000)).map(x -> x | 1);
  }

  /** a = t·(2q+1) raw, b = 2·10^8·t raw: the exact quotient is (2q+1)/2 raw units, a tie. */
  @Provide
  Arbitrary<Tuple2<Fixed, Fixed>> quotientTies() {
    Arbitrary<Long> scales = Arbitraries.oneOf(Arbitraries.longs().between(-1_000, 1_000),
        Arbitraries.longs().between(-40_000_000L, 40_000_000L)).filter(t -> t != 0);
    Arbitrary<Long> halfUnits = Arbitraries.oneOf(Arbitraries.longs().between(-10_000_000L, 10_000_000L),
        Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L));
    return Combinators.combine(scales, halfUnits)
        .as((t, q) -> Tuple.of(t, q))
        .filter(tq -> BigInteger.valueOf(tq.get1()).multiply(BigInteger.valueOf(2 * tq.get2() + 1)).bitLength() < 63)
        .map(tq -> Tuple.of(Fixed.ofRaw(tq.get1() * (2 * tq.get2() + 1)), Fixed.ofRaw(2 * Fixed.ONE_RAW * tq.get1())));
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
