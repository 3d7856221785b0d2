package org.borderpulse.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client of /api/v1/live that collects the frames it receives. */
public final class LiveClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile Short closeStatus;

  private LiveClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.closeHandler(v -> closeStatus = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
  }

  public static WebSocketConnectOptions options(int port, String token) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/v1/live");
    if (token != null) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    return o;
  }

  public static Future<LiveClient> connect(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
        .setMaxMessageSize(64 * 1024 * 1024));
    return client.connect(options).map(ws -> new LiveClient(client, ws));
  }

  public WebSocket socket() {
    return ws;
  }

  public void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  public void subscribe(String id, JsonObject query) {
    send(new JsonObject().put("type", "subscribe").put("id", id).put("query", query));
  }

  /** The next frame that matches, skipping pings; fails after {@code seconds}. */
  public JsonObject next(Predicate<JsonObject> wanted, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(50, TimeUnit.MILLISECONDS);
      if (f != null && !"ping".equals(f.getString("type")) && wanted.test(f)) {
        return f;
      }
    }
    throw new AssertionError("no matching frame within " + seconds + " s");
  }

  /** Every non-ping frame received until one matches {@code last} (inclusive). */
  public List<JsonObject> until(Predicate<JsonObject> last, int seconds) throws InterruptedException {
    List<JsonObject> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(50, TimeUnit.MILLISECONDS);
      if (f != null && !"ping".equals(f.getString("type"))) {
        seen.add(f);
        if (last.test(f)) {
          return seen;
        }
      }
    }
    throw new AssertionError("no matching frame within " + seconds + " s; saw " + seen);
  }

  public Short closeStatus() {
    return closeStatus;
  }

  public static Predicate<JsonObject> frame(String type, String id) {
    return f -> type.equals(f.getString("type")) && id.equals(f.getString("id"));
  }

  @Override
  public void close() {
    client.close();
  }
}
