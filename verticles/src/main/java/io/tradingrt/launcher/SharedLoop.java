package io.tradingrt.launcher;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Several role verticles deployed as one deployment, so they share one context and one event loop. The roles still
 * talk only over the event bus, but a message between two of them is a task on the thread already running, not a
 * hand-off that wakes another thread: an order crosses strategy → risk → execution → fill on one thread. They start
 * together, as roles of one stage do, and stop in reverse order; the context's consumers and timers close with the
 * deployment.
 */
final class SharedLoop implements Deployable {

  private final List<String> names;
  private final List<Deployable> parts;

  SharedLoop(List<String> names, List<Deployable> parts) {
    if (names.size() != parts.size()) {
      throw new IllegalArgumentException("one name per part: " + names + " for " + parts.size() + " parts");
    }
    this.names = List.copyOf(names);
    this.parts = List.copyOf(parts);
  }

  @Override
  public Future<?> deploy(Context context) {
    List<Future<?>> starts = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      String name = names.get(i);
      Future<?> start;
      try {
        start = parts.get(i).deploy(context);
      } catch (Exception e) {
        start = Future.failedFuture(e);
      }
      starts.add(start.recover(t -> Future.failedFuture("role " + name + " failed to start: "
          + RuntimeHooks.oneLine(t))));
    }
    return Future.all(starts);
  }

  @Override
  public Future<?> undeploy(Context context) {
    Future<?> chain = Future.succeededFuture();
    for (int i = parts.size() - 1; i >= 0; i--) {
      Deployable part = parts.get(i);
      chain = chain.eventually(() -> {
        try {
          return part.undeploy(context);
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
      });
    }
    return chain;
  }

  List<String> names() {
    return names;
  }
}
