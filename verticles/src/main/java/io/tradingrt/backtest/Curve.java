package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;

import java.util.ArrayList;
import java.util.List;

/** The whole account's equity and drawdown curve as reported: one point per interval that held ticks. */
public record Curve(long intervalMicros, List<Point> points) {

  /** Equity at the close of the interval starting at {@code tsMicros}, and how far it is below the peak so far. */
  public record Point(long tsMicros, Fixed equity, Fixed drawdown) {
  }

  public Curve {
    points = List.copyOf(points);
  }

  static Curve of(EquityCurve curve) {
    List<Point> points = new ArrayList<>(curve.size());
    Fixed peak = null;
    for (int i = 0; i < curve.size(); i++) {
      Fixed equity = curve.equity(i);
      peak = peak == null ? equity : Fixed.max(peak, equity);
      points.add(new Point(curve.time(i), equity, peak.minus(equity)));
    }
    return new Curve(curve.intervalMicros(), points);
  }
}
