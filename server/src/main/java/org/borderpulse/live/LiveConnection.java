package org.borderpulse.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.borderpulse.auth.Principal;
import org.borderpulse.http.ApiException;
import org.borderpulse.query.LiveQueries;
import org.borderpulse.query.LocalCodec;
import org.borderpulse.query.Query;
import org.borderpulse.query.QueryParser;
import org.borderpulse.query.QueryScope;

/**
 * One WebSocket: its subscriptions, its pings, and at most one pending frame per subscription
 * while the client is slow (a newer answer replaces an unsent one), so memory per connection
 * stays bounded whatever the client does.
 */
final class LiveConnection {
  static final short CLOSE_IDLE = 4000;
  static final short CLOSE_GOING_AWAY = 1001;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Principal who;
  private final LiveSettings cfg;
  private final LiveDispatcher dispatcher;
  private final Set<String> regionIds;
  private final LiveStats stats;
  private final Runnable onClose;
  private final Map<String, String> subscriptions = new HashMap<>();
  private final Map<String, String> pending = new LinkedHashMap<>();
  private long lastHeard = System.nanoTime();
  private long timer;
  private boolean closed;

  LiveConnection(Vertx vertx, ServerWebSocket ws, Principal who, LiveSettings cfg, LiveDispatcher dispatcher,
      Set<String> regionIds, LiveStats stats, Runnable onClose) {
    this.vertx = vertx;
    this.ws = ws;
    this.who = who;
    this.cfg = cfg;
    this.dispatcher = dispatcher;
    this.regionIds = regionIds;
    this.stats = stats;
    this.onClose = onClose;
  }

  void start() {
    stats.connections.incrementAndGet();
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> error(null, 400, "send JSON text frames"));
    ws.closeHandler(v -> closed());
    ws.exceptionHandler(e -> ws.close());
    ws.drainHandler(v -> flushPending());
    timer = vertx.setPeriodic(cfg.pingSeconds() * 1000L, t -> ping());
    dispatcher.connected(this);
  }

  /**
   * An alert changed: sent when the caller may see its country (an alert without one — grouped
   * by region or not at all — only to callers who see everything). While the socket is backed up
   * the latest frame per alert is kept.
   */
  void deliverAlert(String alertId, String country, String frame) {
    if (closed) {
      return;
    }
    Set<String> scope = QueryScope.of(who);
    if (scope != null && (country == null || !scope.contains(country))) {
      return;
    }
    if (ws.writeQueueFull()) {
      if (pending.put("\u0000alert:" + alertId, frame) == null) {
        stats.pendingFrames.incrementAndGet();
      } else {
        stats.framesReplaced.incrementAndGet();
      }
      return;
    }
    write(frame);
  }

  private void ping() {
    if ((System.nanoTime() - lastHeard) / 1_000_000_000L >= cfg.idleSeconds()) {
      ws.close(CLOSE_IDLE, "idle: no frame for " + cfg.idleSeconds() + " s (answer pings with pong)");
      return;
    }
    write("{\"type\":\"ping\"}");
  }

  private void onText(String text) {
    lastHeard = System.nanoTime();
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      error(null, 400, "frames are JSON objects with a type: subscribe, unsubscribe or pong");
      return;
    }
    String id = frame.getValue("id") instanceof String s ? s : null;
    switch (String.valueOf(frame.getValue("type"))) {
      case "subscribe" -> subscribe(id, frame.getValue("query"));
      case "unsubscribe" -> unsubscribe(id);
      case "pong" -> { }
      default -> error(id, 400, "unknown frame type '" + frame.getValue("type")
          + "'; send subscribe, unsubscribe or pong");
    }
  }

  private void subscribe(String id, Object rawQuery) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      error(id, 400, "a subscription needs an id: a string of 1-64 characters");
      return;
    }
    if (subscriptions.containsKey(id)) {
      error(id, 409, "subscription id '" + id + "' is in use on this connection");
      return;
    }
    if (subscriptions.size() >= cfg.maxSubscriptions()) {
      error(id, 429, "at most " + cfg.maxSubscriptions() + " subscriptions per connection");
      return;
    }
    Query query;
    try {
      query = parse(rawQuery);
    } catch (ApiException e) {
      error(id, e.status(), e.getMessage(), e.errors());
      return;
    }
    String key = query.key();
    subscriptions.put(id, key);
    stats.subscriptions.incrementAndGet();
    vertx.eventBus().<String>request(LiveQueries.SUBSCRIBE, query, new DeliveryOptions()
            .setCodecName(LocalCodec.NAME).setSendTimeout(10_000))
        .onSuccess(reply -> {
          if (closed || !key.equals(subscriptions.get(id))) {
            vertx.eventBus().send(LiveQueries.UNSUBSCRIBE, key); // gone before the snapshot came
            return;
          }
          dispatcher.add(key, this, id);
          deliver(id, "snapshot", reply.body());
        })
        .onFailure(e -> {
          if (key.equals(subscriptions.remove(id))) {
            stats.subscriptions.decrementAndGet();
          }
          int status = e instanceof ReplyException re && re.failureCode() >= 400 ? re.failureCode() : 503;
          error(id, status, status == 503 ? "the aggregates are not ready yet; subscribe again in a moment"
              : e.getMessage());
        });
  }

  private Query parse(Object rawQuery) {
    if (!(rawQuery instanceof JsonObject q)) {
      throw ApiException.badRequest("query must be an object with a kind (series, summary or breakdown) and "
          + "the parameters of that REST endpoint");
    }
    Query.Kind kind = switch (String.valueOf(q.getValue("kind"))) {
      case "series" -> Query.Kind.SERIES;
      case "summary" -> Query.Kind.SUMMARY;
      case "breakdown" -> Query.Kind.BREAKDOWN;
      default -> throw ApiException.badRequest("query.kind must be series, summary or breakdown");
    };
    Set<String> names = new java.util.HashSet<>(q.fieldNames());
    names.remove("kind");
    return new QueryParser(regionIds).parse(kind, name -> param(q.getValue(name)), names, QueryScope.of(who));
  }

  private static String param(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof JsonArray a) {
      return String.join(",", a.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }

  private void unsubscribe(String id) {
    String key = id == null ? null : subscriptions.remove(id);
    if (key == null) {
      error(id, 404, "no subscription '" + id + "' on this connection");
      return;
    }
    release(id, key);
  }

  private void release(String id, String key) {
    stats.subscriptions.decrementAndGet();
    dispatcher.remove(key, this, id);
    if (pending.remove(id) != null) {
      stats.pendingFrames.decrementAndGet();
    }
    vertx.eventBus().send(LiveQueries.UNSUBSCRIBE, key);
  }

  /** Sends a snapshot or update, or keeps it as the pending one while the socket is backed up. */
  void deliver(String id, String type, String data) {
    if (closed) {
      return;
    }
    String frame = "{\"type\":\"" + type + "\",\"id\":" + Json.encode(id) + ",\"data\":" + data + "}";
    if (ws.writeQueueFull()) {
      if (pending.put(id, frame) == null) {
        stats.pendingFrames.incrementAndGet();
      } else {
        stats.framesReplaced.incrementAndGet();
      }
      return;
    }
    write(frame);
  }

  private void flushPending() {
    var it = pending.entrySet().iterator();
    while (it.hasNext() && !ws.writeQueueFull()) {
      String frame = it.next().getValue();
      it.remove();
      stats.pendingFrames.decrementAndGet();
      write(frame);
    }
  }

  private void write(String frame) {
    if (!closed) {
      ws.writeTextMessage(frame);
      stats.framesSent.incrementAndGet();
    }
  }

  private void error(String id, int status, String message) {
    error(id, status, message, null);
  }

  private void error(String id, int status, String message, JsonArray errors) {
    JsonObject e = new JsonObject().put("type", "error").put("id", id).put("status", status).put("message", message);
    if (errors != null) {
      e.put("errors", errors);
    }
    write(e.encode());
  }

  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(timer);
    subscriptions.forEach(this::release);
    subscriptions.clear();
    stats.pendingFrames.addAndGet(-pending.size());
    pending.clear();
    stats.connections.decrementAndGet();
    dispatcher.disconnected(this);
    onClose.run();
  }
}
