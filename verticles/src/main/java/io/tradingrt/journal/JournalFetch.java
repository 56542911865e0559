package io.tradingrt.journal;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.JournalImage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.logging.Logger;

/**
 * A trading role's one read of the journal at start: asked of the storage writer, retried while no writer answers
 * (in a cluster the storage node may start later), and failed after {@link #WAIT_MILLIS} with a sentence that says
 * why the role could not start: a role must not trade on a book it could not rebuild.
 */
public final class JournalFetch {
  private static final Logger LOG = Logger.getLogger(JournalFetch.class.getName());
  /** A million fills take about a second to read; the first answer may also wait behind the writer's start. */
  private static final long READ_TIMEOUT_MILLIS = 60_000;

  private JournalFetch() {
  }

  /** How long a trading role waits at start for the storage role to answer. */
  public static final long WAIT_MILLIS = 120_000;

  /** {@code newRun}: journal a new run first (the role that names orders asks for it). */
  public static Future<JournalImage> fetch(Vertx vertx, String role, boolean newRun) {
    Promise<JournalImage> promise = Promise.promise();
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    attempt(vertx, role, new JsonObject().put("newRun", newRun), deadline, promise, false);
    return promise.future();
  }

  private static void attempt(Vertx vertx, String role, JsonObject request, long deadline,
                              Promise<JournalImage> promise, boolean warned) {
    vertx.eventBus().<JournalImage>request(Addresses.STORAGE_JOURNAL, request,
            new DeliveryOptions().setSendTimeout(READ_TIMEOUT_MILLIS))
        .onSuccess(reply -> promise.complete(reply.body()))
        .onFailure(e -> {
          if (System.currentTimeMillis() >= deadline) {
            promise.fail(role + ": cannot rebuild from the journal: " + e.getMessage());
            return;
          }
          if (!warned) {
            LOG.warning(() -> role + ": waiting for the storage role to read the journal (" + e.getMessage() + ")");
          }
          vertx.setTimer(500, t -> attempt(vertx, role, request, deadline, promise, true));
        });
  }
}
