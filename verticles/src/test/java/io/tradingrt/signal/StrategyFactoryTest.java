package io.tradingrt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategyFactoryTest {

  @Test
  void buildsBothConfiguredTypesFromRuntimeJsonParameters() {
    Strategy momentum = StrategyFactory.create("momentum", "ma-crossover", List.of("AAPL", "MSFT"),
        Map.of("fast", "5", "slow", "20", "quantity", "10"));
    Strategy meanrev = StrategyFactory.create("meanrev", "mean-reversion", List.of("TSLA"),
        Map.of("window", "30", "entryZ", "1.5", "exitZ", "0.3", "quantity", "10"));

    assertInstanceOf(MovingAverageCrossover.class, momentum);
    assertEquals(Set.of("AAPL", "MSFT"), momentum.symbols());
    assertInstanceOf(MeanReversion.class, meanrev);
    assertEquals("meanrev", meanrev.name());
  }

  @Test
  void anUnknownTypeOrMissingParameterIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class,
        () -> StrategyFactory.create("x", "martingale", List.of("AAPL"), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> StrategyFactory.create("x", "ma-crossover", List.of("AAPL"), Map.of("fast", "5", "quantity", "1")));
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
