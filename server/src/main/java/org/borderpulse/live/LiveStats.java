package org.borderpulse.live;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the live push, shared by every HTTP verticle instance of a node. */
public final class LiveStats {
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger subscriptions = new AtomicInteger();
  final AtomicInteger pendingFrames = new AtomicInteger();
  final AtomicLong framesSent = new AtomicLong();
  final AtomicLong framesReplaced = new AtomicLong();
  /** Distinct live queries, kept by the cube. */
  public final AtomicInteger distinctQueries = new AtomicInteger();

  public JsonObject toJson() {
    return new JsonObject().put("connections", connections.get()).put("subscriptions", subscriptions.get())
        .put("distinctQueries", distinctQueries.get()).put("pendingFrames", pendingFrames.get())
        .put("framesSent", framesSent.get()).put("framesReplaced", framesReplaced.get());
  }
}
