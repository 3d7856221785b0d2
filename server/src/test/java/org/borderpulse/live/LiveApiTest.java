package org.borderpulse.live;

import static org.borderpulse.support.LiveClient.frame;
import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.support.Api;
import org.borderpulse.support.Events;
import org.borderpulse.support.LiveClient;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The live protocol with real WebSocket clients against a running server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveApiTest {
  private static final JsonObject THA_BY_QUARTER = new JsonObject().put("kind", "series").put("metric", "fraud_cases")
      .put("interval", "quarter").put("groupBy", "post").put("country", "THA");
  private static final String THA_REST = "/api/v1/series?metric=fraud_cases&interval=quarter&groupBy=post&country=THA";
  private Vertx vertx;
  private BorderPulseServer server;
  private Api api;
  private int n;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, TestServer.settings(TestPostgres.freshDatabaseUrl())
        .with(Setting.LIVE_INTERVAL, "100").with(Setting.LIVE_MAX_SUBSCRIPTIONS, "12"));
    api = new Api(vertx, server);
    send(new JsonArray().add(imposter("THA-BKK", "THA-BKK-S01")).add(imposter("SGP-SIN", "SGP-SIN-S01")));
  }

  @AfterAll
  void stop() {
    await(server.stop());
    await(vertx.close());
  }

  private JsonObject imposter(String post, String ws) {
    return Events.documentCheck("live-" + (n++), post, ws, "imposter").put("occurredAt", "2024-05-0" + (1 + n % 9)
        + "T10:00:00+07:00");
  }

  private void send(JsonArray batch) {
    assertEquals(200, await(api.send(ADMIN_TOKEN, batch)).statusCode());
  }

  private JsonObject rest(String path) {
    return await(api.get(ADMIN_TOKEN, path)).bodyAsJsonObject();
  }

  private LiveClient connect() {
    return await(LiveClient.connect(vertx, LiveClient.options(server.port(), ADMIN_TOKEN)));
  }

  @Test
  void snapshotEqualsRestThenEachBatchYieldsOneUpdateEqualToTheNewRestAnswer() throws Exception {
    try (LiveClient c = connect()) {
      c.subscribe("tha", THA_BY_QUARTER);
      JsonObject snapshot = c.next(frame("snapshot", "tha"), 10);
      assertEquals(rest(THA_REST), snapshot.getJsonObject("data"));

      send(new JsonArray().add(imposter("THA-NKI", "THA-NKI-S01")));
      JsonObject update = c.next(frame("update", "tha"), 10);
      assertEquals(rest(THA_REST), update.getJsonObject("data"));
      assertNotEquals(snapshot.getJsonObject("data"), update.getJsonObject("data"));
    }
  }

  @Test
  void aBatchThatDoesNotTouchTheQueryYieldsNoUpdate() throws Exception {
    try (LiveClient c = connect()) {
      c.subscribe("tha", THA_BY_QUARTER);
      c.subscribe("sgp", THA_BY_QUARTER.copy().put("country", "SGP"));
      c.next(frame("snapshot", "tha"), 10);
      c.next(frame("snapshot", "sgp"), 10);
      send(new JsonArray().add(imposter("SGP-SIN", "SGP-SIN-S02")));
      List<JsonObject> frames = c.until(frame("update", "sgp"), 10);
      assertTrue(frames.stream().noneMatch(f -> "tha".equals(f.getString("id"))), "no update for THA: " + frames);
      send(new JsonArray().add(imposter("THA-BKK", "THA-BKK-S02")));
      JsonObject update = c.next(f -> "tha".equals(f.getString("id")), 10);
      assertEquals("update", update.getString("type"));
      assertEquals(rest(THA_REST), update.getJsonObject("data"));
    }
  }

  @Test
  void aHundredScreensOnOneQueryCostOneEvaluation() throws Exception {
    try (LiveClient a = connect(); LiveClient b = connect()) {
      JsonObject q = new JsonObject().put("kind", "summary").put("period", "2024-Q2").put("post", "VNM-SGN");
      a.subscribe("x", q);
      b.subscribe("y", q.copy().put("post", List.of("VNM-SGN")));
      a.next(frame("snapshot", "x"), 10);
      b.next(frame("snapshot", "y"), 10);
      JsonObject stats = rest("/api/v1/live/stats");
      assertTrue(stats.getInteger("subscriptions") >= 2, stats.encode());
      send(new JsonArray().add(imposter("VNM-SGN", "VNM-SGN-S01")));
      JsonObject ua = a.next(frame("update", "x"), 10);
      JsonObject ub = b.next(frame("update", "y"), 10);
      assertEquals(ua.getJsonObject("data"), ub.getJsonObject("data"));
      assertEquals(rest("/api/v1/summary?period=2024-Q2&post=VNM-SGN"), ua.getJsonObject("data"));
    }
  }

  @Test
  void aBadQueryGetsAnErrorFrameAndTheSocketStaysOpen() throws Exception {
    try (LiveClient c = connect()) {
      c.subscribe("bad", new JsonObject().put("kind", "series").put("metric", "nope").put("interval", "quarter"));
      JsonObject error = c.next(frame("error", "bad"), 10);
      assertEquals(400, error.getInteger("status"));
      assertTrue(error.getString("message").contains("metric"), error.encode());
      c.send(new JsonObject().put("type", "dance"));
      assertEquals(400, c.next(f -> "error".equals(f.getString("type")), 10).getInteger("status"));
      c.subscribe("good", THA_BY_QUARTER);
      c.next(frame("snapshot", "good"), 10);
      c.subscribe("good", THA_BY_QUARTER);
      assertEquals(409, c.next(frame("error", "good"), 10).getInteger("status"));
      c.send(new JsonObject().put("type", "unsubscribe").put("id", "good"));
      c.send(new JsonObject().put("type", "unsubscribe").put("id", "good"));
      assertEquals(404, c.next(frame("error", "good"), 10).getInteger("status"));
    }
  }

  @Test
  void subscriptionsPerConnectionAreLimited() throws Exception {
    try (LiveClient c = connect()) {
      for (int i = 0; i < 12; i++) {
        c.subscribe("s" + i, THA_BY_QUARTER);
        c.next(frame("snapshot", "s" + i), 10);
      }
      c.subscribe("s12", THA_BY_QUARTER);
      assertEquals(429, c.next(frame("error", "s12"), 10).getInteger("status"));
    }
  }

  @Test
  void badCredentialsAndForeignOriginsAreRefusedAtTheHandshake() throws Exception {
    int port = server.port();
    assertEquals(401, refusal(LiveClient.options(port, null)));
    assertEquals(401, refusal(LiveClient.options(port, "bpa_wrong")));
    assertEquals(403, refusal(LiveClient.options(port, api.postToken("THA-BKK"))));
    assertEquals(403, refusal(LiveClient.options(port, ADMIN_TOKEN).addHeader("Origin", "https://evil.example")));
    // The server's own origin is fine.
    await(LiveClient.connect(vertx, LiveClient.options(port, ADMIN_TOKEN)
        .addHeader("Origin", "http://127.0.0.1:" + port))).close();

    // Browsers: a single-use ticket.
    var r = await(api.post(ADMIN_TOKEN, "/api/v1/live/ticket"));
    assertEquals(201, r.statusCode());
    String ticket = r.bodyAsJsonObject().getString("ticket");
    try (LiveClient c = await(LiveClient.connect(vertx, LiveClient.options(port, null)
        .setURI("/api/v1/live?ticket=" + ticket)))) {
      c.subscribe("t", THA_BY_QUARTER);
      c.next(frame("snapshot", "t"), 10);
    }
    assertEquals(401, refusal(LiveClient.options(port, null).setURI("/api/v1/live?ticket=" + ticket)));
  }

  private int refusal(io.vertx.core.http.WebSocketConnectOptions options) {
    Throwable e = assertThrows(RuntimeException.class, () -> await(LiveClient.connect(vertx, options)));
    Throwable cause = e instanceof UpgradeRejectedException ? e : e.getCause();
    assertTrue(cause instanceof UpgradeRejectedException, e.toString());
    return ((UpgradeRejectedException) cause).getStatus();
  }

  @Test
  void aClientThatNeverReadsKeepsOnlyTheLatestResultAndDoesNotDelayOthers() throws Exception {
    List<String> metrics = List.of("scanned_documents", "genuine", "fraud_cases", "imposters", "fraudulent_documents",
        "interceptions", "crossings", "entries", "exits", "fraud_rate");
    try (LiveClient slow = connect(); LiveClient fast = connect()) {
      for (String m : metrics) {
        slow.subscribe(m, new JsonObject().put("kind", "series").put("metric", m).put("interval", "day")
            .put("from", "2000-01-01").put("to", "2026-12-31"));
        slow.next(frame("snapshot", m), 10);
      }
      slow.socket().pause(); // stops reading: the server's write queue for it fills up
      fast.subscribe("f", THA_BY_QUARTER);
      fast.next(frame("snapshot", "f"), 10);
      long deadline = System.nanoTime() + 60_000_000_000L;
      JsonObject stats = rest("/api/v1/live/stats");
      while (stats.getLong("framesReplaced") == 0 && System.nanoTime() < deadline) {
        send(new JsonArray().add(imposter("THA-BKK", "THA-BKK-S01")));
        JsonObject update = fast.next(frame("update", "f"), 5);
        assertEquals(rest(THA_REST), update.getJsonObject("data"), "the fast client is never held back");
        stats = rest("/api/v1/live/stats");
        assertTrue(stats.getInteger("pendingFrames") <= metrics.size(), "at most one pending frame per subscription: "
            + stats.encode());
      }
      assertTrue(stats.getLong("framesReplaced") > 0, "the slow client's queue filled and newer results replaced "
          + "older ones: " + stats.encode());
    }
  }
}
