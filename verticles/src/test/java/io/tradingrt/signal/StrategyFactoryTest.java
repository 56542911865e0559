package io.tradingrt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StrategySettings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategyFactoryTest {

  @Test
  void buildsBothConfiguredTypesFromTheirTypedEntries() {
    Strategy momentum = StrategyFactory.create(new StrategySettings.MaCrossover("momentum", List.of("AAPL", "MSFT"),
        5, 20, Fixed.of(10)));
    Strategy meanrev = StrategyFactory.create(new StrategySettings.MeanReversion("meanrev", List.of("TSLA"), 30,
        Fixed.of("1.5"), Fixed.of("0.3"), Fixed.of(10)));

    assertInstanceOf(MovingAverageCrossover.class, momentum);
    assertEquals(Set.of("AAPL", "MSFT"), momentum.symbols());
    assertInstanceOf(MeanReversion.class, meanrev);
    assertEquals("meanrev", meanrev.name());
  }

  @Test
  void theDefaultStrategiesAreBuiltFromRuntimeJson() {
    List<Strategy> strategies = RuntimeSettings.defaults().strategies().stream().map(StrategyFactory::create).toList();

    assertEquals(List.of("momentum", "meanrev"), strategies.stream().map(Strategy::name).toList());
    assertInstanceOf(MovingAverageCrossover.class, strategies.get(0));
    assertInstanceOf(MeanReversion.class, strategies.get(1));
  }

  @Test
  void orderIdsAreTheStrategyNameAndACounter() {
    OrderIds ids = new OrderIds("momentum");
    Signal signal = new Signal("momentum", "AAPL", Side.BUY, Fixed.of(10), Fixed.of(100), 42, "cross");

    OrderRequest first = ids.marketOrder(signal);
    OrderRequest second = ids.marketOrder(signal);

    assertEquals("momentum-1", first.clientOrderId());
    assertEquals("momentum-2", second.clientOrderId());
    assertEquals(OrderType.MARKET, first.type());
    assertEquals(42, first.tsMicros());
  }
}
