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
  private Fixed mark;
  private Fixed marketValue = Fixed.ZERO;
  private long tsMicros;

  /** {@code mark} may be null when the symbol has not ticked yet; the first fill price marks it then. */
  Holding(String symbol, Fixed mark) {
    this.symbol = symbol;
    this.mark = mark;
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
    if (mark == null) {
      mark = fill.price();
    }
    tsMicros = fill.tsMicros();
    return realizedChange;
  }

  /** Re-values the position at {@code newMark}; returns the change in market value. */
  Fixed markAt(Fixed newMark, long ts) {
    mark = newMark;
    tsMicros = ts;
    return revalue();
  }

  /** Recomputes the market value after a quantity or mark change; returns the change. */
  Fixed revalue() {
    Fixed newValue = mark == null ? Fixed.ZERO : quantity.times(mark);
    Fixed change = newValue.minus(marketValue);
    marketValue = newValue;
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

  Fixed marketValue() {
    return marketValue;
  }

  Fixed unrealizedPnl() {
    return marketValue.minus(costBasis);
  }

  Fixed mark() {
    return mark == null ? Fixed.ZERO : mark;
  }

  Fixed averagePrice() {
    return quantity.isZero() ? Fixed.ZERO : costBasis.abs().dividedBy(quantity.abs());
  }

  Position toPosition() {
    return new Position(symbol, quantity, averagePrice(), realizedPnl, unrealizedPnl(), mark(), tsMicros);
  }
}
