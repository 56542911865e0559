package io.tradingrt.codecs;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;

import static io.tradingrt.codecs.RoundTrips.assertAllRoundTrips;

/**
 * Every record survives local delivery (same instance), the cluster wire (after a prefix, back to back) and JSON.
 * One property per record so each type gets its full share of tries.
 */
@Domain(ContractArbitraries.class)
class ContractRoundTripProperties {

  private static final int TRIES = 1000;

  @Property(tries = TRIES)
  void tickRoundTrips(@ForAll Tick first, @ForAll Tick second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void tickBatchRoundTrips(@ForAll TickBatch first, @ForAll TickBatch second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void barRoundTrips(@ForAll Bar first, @ForAll Bar second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void signalRoundTrips(@ForAll Signal first, @ForAll Signal second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void orderRequestRoundTrips(@ForAll OrderRequest first, @ForAll OrderRequest second,
                              @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void riskDecisionRoundTrips(@ForAll RiskDecision first, @ForAll RiskDecision second,
                              @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void orderEventRoundTrips(@ForAll OrderEvent first, @ForAll OrderEvent second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void fillRoundTrips(@ForAll Fill first, @ForAll Fill second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void positionRoundTrips(@ForAll Position first, @ForAll Position second, @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void portfolioSnapshotRoundTrips(@ForAll PortfolioSnapshot first, @ForAll PortfolioSnapshot second,
                                   @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void riskStateChangeRoundTrips(@ForAll RiskStateChange first, @ForAll RiskStateChange second,
                                 @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void riskControlRoundTrips(@ForAll RiskControl first, @ForAll RiskControl second,
                             @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  @Property(tries = TRIES)
  void metricsSnapshotRoundTrips(@ForAll MetricsSnapshot first, @ForAll MetricsSnapshot second,
                                 @ForAll("prefixes") byte[] prefix) {
    assertAllRoundTrips(prefix, first, second);
  }

  /** Bytes of earlier messages in the same frame; empty included. */
  @Provide
  Arbitrary<byte[]> prefixes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }
}
