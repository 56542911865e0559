package io.tradingrt.flow;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.json.ContractJson;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;

/**
 * A role that shows the trading state learns it from {@link Addresses#RISK_STATE} changes; one that starts after
 * the risk role restored a state from the journal (a HALT survives a restart) asks for it once, here. Retried while
 * no risk role answers (it may start later, on another node), for a minute.
 */
public final class RiskStateSeed {
  private static final int ATTEMPTS = 60;

  private RiskStateSeed() {
  }

  /** {@code onState} gets the change that set the current state, if there is one. */
  public static void seed(Vertx vertx, Consumer<RiskStateChange> onState) {
    attempt(vertx, onState, ATTEMPTS);
  }

  private static void attempt(Vertx vertx, Consumer<RiskStateChange> onState, int left) {
    vertx.eventBus().<JsonObject>request(Addresses.RISK_RECOVERY, new JsonObject(),
            new DeliveryOptions().setSendTimeout(2_000))
        .onSuccess(reply -> {
          JsonObject last = reply.body().getJsonObject("lastChange");
          if (last != null) {
            onState.accept(ContractJson.read(last.encode(), RiskStateChange.class));
          }
        })
        .onFailure(e -> {
          if (left > 1) {
            vertx.setTimer(1_000, t -> attempt(vertx, onState, left - 1));
          }
        });
  }
}
