package io.tradingrt.codecs;

import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.codecs.wire.RecordCodec;
import io.vertx.core.Vertx;
import net.jqwik.api.Example;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record added to the contract cannot miss its codec, its generator, or therefore its round-trip properties. */
class ContractCoverageProperties {

  private static final Set<Class<?>> CODEC_TYPES =
      ContractCodecs.all().stream().map(RecordCodec::type).collect(Collectors.toSet());

  @Example
  void everyRecordTypeOnAnAddressHasACodec() {
    Set<Class<?>> missing = Addresses.TYPES.values().stream()
        .filter(type -> type != String.class)
        .filter(type -> !CODEC_TYPES.contains(type))
        .collect(Collectors.toSet());
    assertTrue(missing.isEmpty(), "no codec in ContractCodecs.all() for " + missing);
  }

  @Example
  void everyCodecTypeHasAGenerator() {
    assertEquals(CODEC_TYPES, ContractArbitraries.byRecordType().keySet());
  }

  @Example
  void codecNamesAreDistinctBecauseTheEventBusKeysCodecsByName() {
    List<String> names = ContractCodecs.all().stream().map(RecordCodec::name).toList();
    assertEquals(names.size(), new HashSet<>(names).size(), "duplicate codec names " + names);
  }

  @Example
  void registeringTwiceOnOneVertxIsHarmless() {
    Vertx vertx = Vertx.vertx();
    try {
      ContractCodecs.register(vertx);
      ContractCodecs.register(vertx);
    } finally {
      vertx.close().await();
    }
  }
}
