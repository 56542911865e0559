package io.tradingrt.launcher;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * Several role verticles deployed as one deployment, so they share one context and one event loop. The roles still
 * talk only over the event bus, but a message between two of them is a task on the thread already running, not a
 * hand-off that wakes another thread: an order crosses strategy → risk → execution → fill on one thread. They start
 * together, as roles of one stage do, and stop in reverse order; the context's consumers and timers close with the
 * deployment. A role of a later stage (the simulated feed) can {@link #join} the loop once the others run.
 */
final class SharedLoop implements Deployable {

  private final List<String> names;
  private final List<Deployable> parts;
  /** Parts that joined after the start (the feed, a later stage): they stop first, before the other roles do. */
  private final List<Deployable> joined = new ArrayList<>();
  private volatile Context context;

  SharedLoop(List<String> names, List<Deployable> parts) {
    if (names.size() != parts.size()) {
      throw new IllegalArgumentException("one name per part: " + names + " for " + parts.size() + " parts");
    }
    this.names = new ArrayList<>(names);
    this.parts = List.copyOf(parts);
  }

  /** Starts a role of a later stage on this loop too; it stops with {@link #stopJoined()}, before the others. */
  Future<Void> join(String name, Deployable part) {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      Future<?> start;
      try {
        start = part.deploy(context);
      } catch (Exception e) {
        start = Future.failedFuture(e);
      }
      start.onComplete(result -> {
        if (result.succeeded()) {
          joined.add(part);
          names.add(name);
          started.complete();
        } else {
          started.fail("role " + name + " failed to start: " + RuntimeHooks.oneLine(result.cause()));
        }
      });
    });
    return started.future();
  }

  /** Stops the parts that joined, last first (the feed before the strategies it feeds). */
  Future<Void> stopJoined() {
    Promise<Void> stopped = Promise.promise();
    if (context == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> {
      List<Deployable> leaving = new ArrayList<>(joined);
      joined.clear();
      stopInReverse(leaving).onComplete(r -> stopped.complete());
    });
    return stopped.future();
  }

  @Override
  public Future<?> deploy(Context context) {
    this.context = context;
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
    List<Deployable> all = new ArrayList<>(parts);
    all.addAll(joined);
    joined.clear();
    return stopInReverse(all);
  }

  private Future<?> stopInReverse(List<Deployable> stopping) {
    Future<?> chain = Future.succeededFuture();
    for (int i = stopping.size() - 1; i >= 0; i--) {
      Deployable part = stopping.get(i);
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
    return List.copyOf(names);
  }
}
