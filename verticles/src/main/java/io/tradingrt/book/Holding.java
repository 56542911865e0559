package io.tradingrt.book;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Side;

/**
 * One symbol's signed position, kept as an exact signed cost basis instead of a rounded average price, so that
 * {@code unrealized = marketValue - costBasis} and {@code costBasis - realized = Σ signed fill notionals} hold
 * exactly.
 */
final class Holding {

  private final String symbol;
  private Fixed quantity = Fixed.ZERO;
  private Fixed costBasis = Fixed.ZERO;
  private Fixed realizedPnl = Fixed.ZERO;
  /** The mark and the market value as raw fixed-point longs: a quote re-values the holding without allocating. */
  private boolean marked;
  private long markRaw;
  private long marketValueRaw;
  private long tsMicros;

  /** {@code mark} may be null when the symbol has not ticked yet; the first fill price marks it then. */
  Holding(String symbol, Fixed mark) {
    this.symbol = symbol;
    if (mark != null) {
      this.marked = true;
      this.markRaw = mark.raw();
    }
  }

  /** Applies a fill and returns the change in realized P&L; fees are booked by the portfolio, not here. */
  Fixed apply(Fill fill) {
    Fixed signedQuantity = fill.side() == Side.BUY ? fill.quantity() : fill.quantity().negate();
    Fixed signedNotional = fill.side() == Side.BUY ? fill.notional() : fill.notional().negate();
    Fixed realizedChange;
    if (quantity.isZero() || quantity.signum() == signedQuantity.signum()) {
      costBasis = costBasis.plus(signedNotional);
      realizedChange = Fixed.ZERO;
    } else if (signedQuantity.abs().compareTo(quantity.abs()) <= 0) {
      Fixed released = signedQuantity.abs().equals(quantity.abs())
          ? costBasis
          : costBasis.times(signedQuantity.abs()).dividedBy(quantity.abs());
      // realized absorbs the rounding of the released cost, keeping costBasis - realized = Σ notionals exact
      realizedChange = released.negate().minus(signedNotional);
      costBasis = costBasis.minus(released);
    } else {
      // flip through zero: close the old position at the fill price, open the remainder at the same price
      Fixed closingNotional = quantity.abs().times(fill.price());
      Fixed signedClosing = signedQuantity.isPositive() ? closingNotional : closingNotional.negate();
      realizedChange = costBasis.negate().minus(signedClosing);
      costBasis = signedNotional.minus(signedClosing);
    }
    quantity = quantity.plus(signedQuantity);
    realizedPnl = realizedPnl.plus(realizedChange);
    if (!marked) {
      marked = true;
      markRaw = fill.price().raw();
    }
    tsMicros = fill.tsMicros();
    return realizedChange;
  }

  /** Re-values the position at a raw mark; returns the change in raw market value. */
  long markAt(long newMarkRaw, long ts) {
    marked = true;
    markRaw = newMarkRaw;
    tsMicros = ts;
    return revalue();
  }

  /** Recomputes the market value after a quantity or mark change; returns the change, raw. */
  long revalue() {
    long newValue = marked && !quantity.isZero() ? Fixed.timesRaw(quantity.raw(), markRaw) : 0;
    long change = Math.subtractExact(newValue, marketValueRaw);
    marketValueRaw = newValue;
    return change;
  }

  Fixed quantity() {
    return quantity;
  }

  Fixed costBasis() {
    return costBasis;
  }

  Fixed realizedPnl() {
    return realizedPnl;
  }

  long marketValueRaw() {
    return marketValueRaw;
  }

  Fixed marketValue() {
    return Fixed.ofRaw(marketValueRaw);
  }

  Fixed unrealizedPnl() {
    return marketValue().minus(costBasis);
  }

  Fixed mark() {
    return marked ? Fixed.ofRaw(markRaw) : Fixed.ZERO;
  }

  Fixed averagePrice() {
    return quantity.isZero() ? Fixed.ZERO : costBasis.abs().dividedBy(quantity.abs());
  }

  Position toPosition() {
    return new Position(symbol, quantity, averagePrice(), realizedPnl, unrealizedPnl(), mark(), tsMicros);
  }
}
