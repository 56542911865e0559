package io.tradingrt.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The long path of the bar's VWAP agrees with BigDecimal's division wherever it answers, and says so where not. */
class VwapProperties {

  @Property(tries = 5_000)
  void agreesWithBigDecimalHalfEven(@ForAll long hi, @ForAll long lo, @ForAll @LongRange(min = 1) long volume) {
    check(hi, lo, volume);
  }

  /** Notionals a bar really has: up to a few thousand ticks of prices and sizes in the raw units' usual ranges. */
  @Property(tries = 5_000)
  void agreesOnRealisticBars(@ForAll @LongRange(min = 1, max = 100_000_000_000_000L) long price,
                             @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long size,
                             @ForAll @LongRange(min = 1, max = 5_000) long ticks,
                             @ForAll @LongRange(min = 0, max = 1_000_000_000L) long skew) {
    BigInteger notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(size))
        .multiply(BigInteger.valueOf(ticks)).add(BigInteger.valueOf(skew));
    long volume = size * ticks;
    check(notional.shiftRight(64).longValue(), notional.longValue(), volume);
  }

  @Property(tries = 2_000)
  void halvesRoundToEven(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long quotient,
                         @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 4) long half) {
    long volume = 2 * half;
    BigInteger notional = BigInteger.valueOf(quotient).multiply(BigInteger.valueOf(volume))
        .add(BigInteger.valueOf(half));
    check(notional.shiftRight(64).longValue(), notional.longValue(), volume);
  }

  /** The division by one 32-bit digit, for every numerator (the top bit set most of all) and digit. */
  @Property(tries = 5_000)
  void dividesByADigitAsLongDoes(@ForAll long numerator, @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long digit) {
    assertEquals(Long.divideUnsigned(numerator, digit), Vwap.divideByDigit(numerator, digit),
        Long.toUnsignedString(numerator) + " / " + digit);
    assertEquals(Long.divideUnsigned(numerator | Long.MIN_VALUE, digit),
        Vwap.divideByDigit(numerator | Long.MIN_VALUE, digit));
  }

  private static void check(long hi, long lo, long volume) {
    BigInteger notional = BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    BigDecimal exact = new BigDecimal(notional, 16).divide(new BigDecimal(BigInteger.valueOf(volume), 8), 8,
        RoundingMode.HALF_EVEN);
    BigInteger raw = exact.unscaledValue();
    long fast = Vwap.of(hi, lo, volume);
    if (fast == Vwap.NOT_HERE) {
      boolean plain = notional.signum() >= 0 && raw.bitLength() < 63;
      assertEquals(false, plain && BigInteger.valueOf(hi).compareTo(BigInteger.valueOf(volume)) < 0,
          "the long path declined a plain case: " + notional + " / " + volume);
    } else {
      assertEquals(raw, BigInteger.valueOf(fast), notional + " / " + volume);
    }
  }
}
