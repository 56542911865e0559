package io.tradingrt.codecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.json.ContractJsonException;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.vertx.core.buffer.Buffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reason codes are typed on the bus, a stable string in JSON and a fixed id on the wire; unknown ones are refused. */
@Domain(ContractArbitraries.class)
@Domain(DomainContext.Global.class)
class ReasonCodeProperties {

  /** The wire ids of every released code: renumbering one is a break of the cluster wire, so it fails here. */
  private static final Map<String, Integer> RELEASED_WIRE_IDS = released();

  @Example
  void wireIdsOfReleasedCodesNeverChange() {
    Map<String, Integer> now = new LinkedHashMap<>();
    Arrays.stream(ReasonCode.values()).forEach(code -> now.put(code.name(), code.wireId()));
    assertEquals(RELEASED_WIRE_IDS, now, "a code was renumbered, removed or added without its pinned id");
  }

  @Example
  void everyCodeHasASentenceAndItsNameIsItsCode() {
    for (ReasonCode code : ReasonCode.values()) {
      assertFalse(code.sentence().isBlank(), code.name());
      assertEquals(code.name(), code.code());
      assertEquals(code, ReasonCode.parse(code.code()));
      assertEquals(code, ReasonCode.ofWireId(code.wireId()));
    }
  }

  @Example
  void everyControlCommandHasItsStateChangeCause() {
    for (ControlCommand command : ControlCommand.values()) {
      assertEquals(command.name(), ReasonCode.of(command).name());
      assertEquals(ReasonCode.Kind.STATE_CHANGE, ReasonCode.of(command).kind());
    }
  }

  @Property(tries = 300)
  void anUnknownReasonCodeInJsonIsRefusedNamingTheFieldAndTheCode(@ForAll OrderEvent event,
                                                                  @ForAll("unknownCodes") String unknown) {
    ObjectNode json = tree(event);
    json.put("reasonCode", unknown);
    ContractJsonException e = assertThrows(ContractJsonException.class,
        () -> ContractJson.read(json.toString(), OrderEvent.class));
    assertTrue(e.getMessage().startsWith("invalid OrderEvent at 'reasonCode': unknown reason code"), e.getMessage());
    assertEquals(ContractJsonException.MALFORMED_JSON, e.code());
  }

  @Property(tries = 200)
  void anUnknownOrMissingCauseIsRefused(@ForAll RiskStateChange change, @ForAll("unknownCodes") String unknown) {
    ObjectNode json = tree(change);
    json.put("cause", unknown);
    ContractJsonException unknownCause = assertThrows(ContractJsonException.class,
        () -> ContractJson.read(json.toString(), RiskStateChange.class));
    assertTrue(unknownCause.getMessage().contains("'cause'"), unknownCause.getMessage());
    json.remove("cause");
    ContractJsonException missing = assertThrows(ContractJsonException.class,
        () -> ContractJson.read(json.toString(), RiskStateChange.class));
    assertEquals("invalid RiskStateChange: 'cause' is required", missing.getMessage());
  }

  @Example
  void aReasonCodeThatIsNotAStringIsRefused() {
    OrderEvent event = event(ReasonCode.NO_QUOTE);
    ObjectNode json = tree(event);
    json.put("reasonCode", 20);
    ContractJsonException e = assertThrows(ContractJsonException.class,
        () -> ContractJson.read(json.toString(), OrderEvent.class));
    assertTrue(e.getMessage().contains("a reason code must be a JSON string"), e.getMessage());
  }

  @Example
  void jsonCarriesTheCodeAsItsStringAndNullStaysNull() {
    ObjectNode json = tree(event(ReasonCode.FOK_NOT_FILLABLE));
    assertEquals("FOK_NOT_FILLABLE", json.get("reasonCode").asText());
    assertNull(ContractJson.read(tree(event(null)).toString(), OrderEvent.class).reasonCode());
  }

  @Example
  void theWireCarriesACodeInOneByteAndRefusesAnIdItDoesNotKnow() {
    var codec = new ContractCodecs.OrderEventCodec();
    Buffer withCode = Buffer.buffer();
    codec.encodeToWire(withCode, event(ReasonCode.SESSION_END));
    Buffer withoutCode = Buffer.buffer();
    codec.encodeToWire(withoutCode, event(null));
    assertEquals(withoutCode.length(), withCode.length(), "a code costs the same single byte as null");

    int reasonPos = withCode.length() - 8 - 4 - "detail".length() - 1;
    assertEquals(ReasonCode.SESSION_END.wireId(), withCode.getByte(reasonPos));
    withCode.setByte(reasonPos, (byte) 127);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, withCode));
    assertEquals("unknown reason code wire id 127", e.getMessage());
  }

  @Example
  void parseRefusesAnUnknownCodeByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReasonCode.parse("INVALID_QTY"));
    assertEquals("unknown reason code 'INVALID_QTY'", e.getMessage());
  }

  @Provide
  Arbitrary<String> unknownCodes() {
    return Arbitraries.oneOf(ContractArbitraries.text(),
            Arbitraries.of("invalid_order", "INVALID_QUANTITY", "UNKNOWN_SYMBOL", "", " HALT"))
        .filter(text -> Arrays.stream(ReasonCode.values()).noneMatch(code -> code.name().equals(text)));
  }

  private static OrderEvent event(ReasonCode code) {
    return new OrderEvent("c-1", "twap", "AAPL", Side.BUY, OrderType.MARKET, TimeInForce.DAY, OrderStatus.EXPIRED,
        Fixed.ONE, null, Fixed.ZERO, Fixed.ZERO, code, "detail", 1L);
  }

  private static ObjectNode tree(Object value) {
    try {
      return (ObjectNode) ContractJson.mapper().readTree(ContractJson.write(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Integer> released() {
    Map<String, Integer> ids = new LinkedHashMap<>();
    String[] names = {"UNKNOWN_INSTRUMENT", "INVALID_ORDER", "DUPLICATE_ORDER_ID", "PRICE_PRECISION",
        "QUANTITY_PRECISION", "QUANTITY_BELOW_MIN", "QUANTITY_ABOVE_MAX", "PRICE_OUT_OF_BOUNDS", "NO_MARKET_PRICE",
        "MAX_NOTIONAL_EXCEEDED", "INSUFFICIENT_BALANCE", "MAX_POSITION_EXCEEDED", "MAX_GROSS_EXPOSURE_EXCEEDED",
        "REDUCE_ONLY_VIOLATED", "THROTTLED_STRATEGY", "THROTTLED_GLOBAL", "TRADING_HALTED", "TRADING_REDUCING",
        "STORAGE_UNAVAILABLE", "NO_QUOTE", "IOC_REMAINDER", "FOK_NOT_FILLABLE", "CANCEL_REQUESTED", "SESSION_END",
        "NO_RISK_DECISION", "HALT", "REDUCE", "RESUME", "KILL", "DAILY_LOSS_LIMIT", "MAX_DRAWDOWN",
        "STORAGE_RECOVERED", "RECOVERY_MISMATCH", "NO_TRADING_CORE", "VENUE_REJECTED",
        "RECONCILIATION_MISMATCH"};
    for (int i = 0; i < names.length; i++) {
      ids.put(names[i], i + 1);
    }
    return ids;
  }
}
