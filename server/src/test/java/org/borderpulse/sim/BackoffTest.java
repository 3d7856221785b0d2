package org.borderpulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderpulse.client.ApiClient;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void backoffGrowsWithJitterUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999);
    assertEquals(499, b.next(Optional.empty()).toMillis());
    assertEquals(999, b.next(Optional.empty()).toMillis());
    assertEquals(1998, b.next(Optional.empty()).toMillis());
    for (int i = 0; i < 20; i++) {
      b.next(Optional.empty());
    }
    assertEquals(29_970, b.next(Optional.empty()).toMillis());
    b.reset();
    Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
    assertEquals(250, low.next(Optional.empty()).toMillis(), "never a busy loop");
  }

  @Test
  void retryAfterIsAFloorNeverCutShort() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
    assertEquals(7000, b.next(Optional.of(Duration.ofSeconds(7))).toMillis());
    Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999);
    long wait = high.next(Optional.of(Duration.ofSeconds(7))).toMillis();
    assertTrue(wait >= 7000 && wait < 8000, "wait " + wait);
  }

  @Test
  void clientWaitsAtLeastRetryAfterBetweenAttempts() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<Long> attempts = new CopyOnWriteArrayList<>();
    HttpServer server = TestServer.await(vertx.createHttpServer().requestHandler(req -> {
      attempts.add(System.nanoTime());
      if (attempts.size() < 3) {
        req.response().setStatusCode(503).putHeader("Retry-After", "1").end();
      } else {
        req.response().putHeader("Content-Type", "application/json").end("{\"accepted\":1,\"duplicates\":0}");
      }
    }).listen(0, "127.0.0.1"));
    try {
      ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + server.actualPort()));
      ApiClient.Answer a = client.sendEventsReliably("t", new JsonArray().add(1), 5, () -> false);
      assertEquals(200, a.status());
      assertEquals(3, attempts.size());
      for (int i = 1; i < attempts.size(); i++) {
        long gapMs = (attempts.get(i) - attempts.get(i - 1)) / 1_000_000;
        assertTrue(gapMs >= 1000, "attempt " + i + " came " + gapMs + " ms after the previous one");
      }
    } finally {
      TestServer.await(vertx.close());
    }
  }
}
