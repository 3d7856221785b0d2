package org.borderpulse.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.query.LiveQueries;

/**
 * One per HTTP verticle instance, on its event loop: hands each published answer to the
 * subscriptions of this instance's connections that watch that query, and each alert change
 * to every connection of this instance whose caller may see the alert's scope.
 */
public final class LiveDispatcher {
  private record Subscriber(LiveConnection connection, String id) {}

  private final Map<String, List<Subscriber>> byQuery = new HashMap<>();
  private final Set<LiveConnection> connections = new LinkedHashSet<>();
  private MessageConsumer<LiveQueries.Result> consumer;
  private MessageConsumer<JsonObject> alerts;

  public Future<Void> start(Vertx vertx) {
    alerts = vertx.eventBus().consumer(AlertBus.CHANGED, m -> {
      JsonObject alert = m.body().copy();
      String country = (String) alert.remove("country");
      String frame = new JsonObject().put("type", "alert").put("data", alert).encode();
      for (LiveConnection c : List.copyOf(connections)) {
        c.deliverAlert(alert.getString("id"), country, frame);
      }
    });
    consumer = vertx.eventBus().localConsumer(LiveQueries.RESULTS, m -> {
      List<Subscriber> subs = byQuery.get(m.body().key());
      if (subs != null) {
        for (Subscriber s : List.copyOf(subs)) {
          s.connection().deliver(s.id(), "update", m.body().json());
        }
      }
    });
    return Future.all(consumer.completion(), alerts.completion()).mapEmpty();
  }

  void connected(LiveConnection c) {
    connections.add(c);
  }

  void disconnected(LiveConnection c) {
    connections.remove(c);
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
