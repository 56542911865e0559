package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * One encode plus one decode of a record through its cluster wire codec, into a reused Buffer, against the same
 * round trip through ContractJson: the price of crossing a node boundary versus crossing a bridge.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CodecBenchmark {

  private final ContractCodecs.TickCodec tickCodec = new ContractCodecs.TickCodec();
  private final ContractCodecs.OrderRequestCodec orderCodec = new ContractCodecs.OrderRequestCodec();
  private ByteBuf bytes;
  private Buffer buffer;
  private Tick tick;
  private OrderRequest order;

  @Setup
  public void setUp() {
    // Buffer has no reset; wrapping a ByteBuf we own lets each operation rewind it instead of allocating
    bytes = Unpooled.buffer(512);
    buffer = BufferInternal.buffer(bytes);
    tick = new Tick("BTC-USD", 1_767_225_600_000_000L, Fixed.of("64123.45"), Fixed.of("64123.55"),
        Fixed.of("1.25"), Fixed.of("0.8"), Fixed.of("64123.5"), Fixed.of("0.015"), 42_000_000L);
    order = new OrderRequest("momentum-000000001234", "momentum", "BTC-USD", Side.BUY, OrderType.LIMIT,
        Fixed.of("0.25"), Fixed.of("64120.5"), TimeInForce.GTC, false, 1_767_225_600_000_000L);
  }

  @Benchmark
  public void tickWire(Blackhole blackhole) {
    bytes.clear();
    tickCodec.encodeToWire(buffer, tick);
    blackhole.consume(tickCodec.decodeFromWire(0, buffer));
  }

  @Benchmark
  public void orderRequestWire(Blackhole blackhole) {
    bytes.clear();
    orderCodec.encodeToWire(buffer, order);
    blackhole.consume(orderCodec.decodeFromWire(0, buffer));
  }

  @Benchmark
  public void tickJson(Blackhole blackhole) {
    blackhole.consume(ContractJson.read(ContractJson.write(tick), Tick.class));
  }

  @Benchmark
  public void orderRequestJson(Blackhole blackhole) {
    blackhole.consume(ContractJson.read(ContractJson.write(order), OrderRequest.class));
  }
}
