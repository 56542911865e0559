package io.tradingrt.ingest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReplayFeedTest {

  @Test
  void malformedLinesAreCountedWithTheirLineNumbersAndGoodLinesStillReplay(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("ticks.csv");
    Files.writeString(csv, String.join("\n",
        CsvTickParser.HEADER,
        "2024-01-02T14:30:00.000001Z,AAPL,100.00,100.02,300,200,100.01,10,7",
        "not,a,tick",
        "1704205800000002,MSFT,200.5,200.4,1,1,200.45,5",
        "1704205800000003,MSFT,abc,200.6,1,1,200.45,5",
        "",
        "# comment",
        "1704205800000004,MSFT,200.50,200.60,1,1,200.55,0.123456789",
        "1704205800000005,MSFT,200.50,200.60,1,1,200.55,3"));
    List<CsvReplayFeed.MalformedLine> bad = new ArrayList<>();
    List<Tick> ticks = new ArrayList<>();
    try (CsvReplayFeed feed = new CsvReplayFeed(csv, bad::add)) {
      Tick t;
      while ((t = feed.next(0)) != null) {
        ticks.add(t);
      }
      assertEquals(4, feed.malformedCount());
      assertEquals(2, feed.replayedCount());
      assertNull(feed.next(0));
    }
    assertEquals(List.of(3L, 4L, 5L, 8L), bad.stream().map(CsvReplayFeed.MalformedLine::lineNumber).toList());
    assertTrue(bad.get(0).reason().contains("expected 8 or 9 fields"), bad.get(0).reason());
    assertTrue(bad.get(1).reason().contains("above ask"), bad.get(1).reason());
    assertTrue(bad.get(2).reason().startsWith("bid:"), bad.get(2).reason());
    assertTrue(bad.get(3).reason().startsWith("last_size:"), bad.get(3).reason());
    Tick first = ticks.get(0);
    assertEquals(new Tick("AAPL", 1_704_205_800_000_001L, Fixed.of("100"), Fixed.of("100.02"), Fixed.of(300),
        Fixed.of(200), Fixed.of("100.01"), Fixed.of(10), 7), first);
    assertEquals(9, ticks.get(1).seq());
  }
}
