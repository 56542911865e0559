package io.tradingrt.risk;

import io.tradingrt.codecs.TradingState;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage watch's decisions without a bus: what each health report does to the engine, and when it publishes. */
class StorageWatchRulesTest {
  private final RiskEngine engine = new RiskEngine(new Instruments(Map.of("AAPL", TestData.instrument())),
      TestData.limits().build(), () -> 1_000_000L);
  private final AtomicInteger published = new AtomicInteger();
  private final StorageWatch watch = new StorageWatch(TradingState.HALTED, engine, published::incrementAndGet);

  @Test
  void aWriterThatIsNotReadyStopsTradingOnceAndPublishesOnce() {
    watch.health(false, "disk full");
    watch.health(false, "disk full");
    assertFalse(engine.storageIsAvailable());
    assertEquals(TradingState.HALTED, engine.state());
    assertEquals(1, published.get(), "a repeated report changes nothing and publishes nothing");
  }

  @Test
  void noAnswerCountsAsUnavailableAndTheNextReadyReportRestoresStorage() {
    watch.noAnswer("timeout");
    assertFalse(engine.storageIsAvailable());
    watch.health(true, null);
    assertTrue(engine.storageIsAvailable());
    assertEquals(2, published.get());
  }

  @Test
  void aReadyWriterWhileStorageIsAvailablePublishesNothing() {
    watch.health(true, null);
    assertTrue(engine.storageIsAvailable());
    assertEquals(TradingState.ACTIVE, engine.state());
    assertEquals(0, published.get());
  }
}
