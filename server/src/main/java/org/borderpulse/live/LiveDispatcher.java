package org.borderpulse.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.query.LiveQueries;

/**
 * One per HTTP verticle instance, on its event loop: hands each published answer to the
 * subscriptions of this instance's connections that watch that query.
 */
public final class LiveDispatcher {
  private record Subscriber(LiveConnection connection, String id) {}

  private final Map<String, List<Subscriber>> byQuery = new HashMap<>();
  private MessageConsumer<LiveQueries.Result> consumer;

  public Future<Void> start(Vertx vertx) {
    consumer = vertx.eventBus().localConsumer(LiveQueries.RESULTS, m -> {
      List<Subscriber> subs = byQuery.get(m.body().key());
      if (subs != null) {
        for (Subscriber s : List.copyOf(subs)) {
          s.connection().deliver(s.id(), "update", m.body().json());
        }
      }
    });
    return consumer.completion();
  }

  void add(String queryKey, LiveConnection c, String id) {
    byQuery.computeIfAbsent(queryKey, k -> new ArrayList<>()).add(new Subscriber(c, id));
  }

  void remove(String queryKey, LiveConnection c, String id) {
    List<Subscriber> subs = byQuery.get(queryKey);
    if (subs != null) {
      subs.remove(new Subscriber(c, id));
      if (subs.isEmpty()) {
        byQuery.remove(queryKey);
      }
    }
  }
}
