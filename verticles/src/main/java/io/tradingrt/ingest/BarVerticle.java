package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.BarsSettings;
import io.tradingrt.flow.TickFlow;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.List;

/** Aggregates {@link Addresses#MD_TICKS} into bars and publishes each completed one on {@link Addresses#MD_BARS}. */
public final class BarVerticle extends VerticleBase {
  private final List<String> timeframes;

  public BarVerticle(BarsSettings settings) {
    this.timeframes = settings.timeframes();
  }

  @Override
  public Future<?> start() {
    BarAggregator aggregator;
    try {
      aggregator = new BarAggregator(timeframes);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("bars: " + e.getMessage());
    }
    var bus = vertx.eventBus();
    return TickFlow.consumer(vertx, "bars", message -> {
      for (Tick tick : message.body().ticks()) {
        for (Bar bar : aggregator.onTick(tick)) {
          bus.publish(Addresses.MD_BARS, bar);
        }
      }
    }).completion();
  }
}
