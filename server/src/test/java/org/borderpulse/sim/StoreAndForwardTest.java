package org.borderpulse.sim;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.client.ApiClient;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A post that dies at the worst moment loses nothing and counts nothing twice. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAndForwardTest {
  private Vertx vertx;
  private BorderPulseServer server;
  private ApiClient client;
  @TempDir
  Path dir;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx);
    client = new ApiClient(URI.create("http://127.0.0.1:" + server.port()));
  }

  @AfterAll
  void stop() {
    await(server.stop());
    await(vertx.close());
  }

  private static List<JsonObject> generated(String post, long seed) {
    SimPost p = ReferenceFiles.posts(TestServer.CONFIG_DIR.resolve("posts.yaml")).stream()
        .filter(x -> x.id().equals(post)).map(SimPost::of).findFirst().orElseThrow();
    Generator g = new Generator(new SimParams(seed, Instant.parse("2026-01-01T00:00:00Z"), null, 20_000, 1, false),
        List.of(p));
    return g.day(p, java.time.LocalDate.of(2025, 6, 2)).stream().map(SimEvent::json).toList();
  }

  private void drain(Spool spool, String post) throws Exception {
    AtomicLong sent = new AtomicLong();
    Incidents none = new Incidents(new SimParams(0, Instant.now(), null, 0, 1, false), List.of());
    PostLink link = new PostLink(post, spool, client, () -> ADMIN_TOKEN, () -> { }, none, sent);
    Thread t = new Thread(link);
    t.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (spool.pendingSegments() > 0 && System.nanoTime() < deadline) {
      t.join(50);
    }
    link.stop();
    t.join(5_000);
    assertEquals(0, spool.pendingSegments(), "the spool must drain");
  }

  @Test
  void killBetweenSendAndAcknowledgementLosesNothingAndCountsNothingTwice() throws Exception {
    List<JsonObject> events = generated("VNM-SGN", 21);
    assertTrue(events.size() > 800, "got " + events.size());
    Path spoolDir = dir.resolve("spool/VNM-SGN");
    Spool spool = new Spool(spoolDir);
    int third = events.size() / 3;
    spool.append(events.subList(0, third));
    spool.append(events.subList(third, 2 * third));
    spool.append(events.subList(2 * third, events.size()));

    // The post sends its oldest batch; the server commits it; the post dies before it can
    // delete the batch from its spool (and leaves a half-written segment behind).
    Spool.Batch inFlight = spool.head(third).orElseThrow();
    ApiClient.Answer a = client.sendEvents(ADMIN_TOKEN, new JsonArray(inFlight.events()));
    assertEquals(200, a.status(), a.body());
    Files.writeString(spoolDir.resolve("000000000099.ndjson.tmp"), "{\"id\":\"half");

    // Restart: the spool is reopened from disk and forwarded again.
    Spool reopened = new Spool(spoolDir);
    assertFalse(Files.exists(spoolDir.resolve("000000000099.ndjson.tmp")), "half-written segments are discarded");
    assertEquals(3, reopened.pendingSegments());
    drain(reopened, "VNM-SGN");

    long stored = count(server, "SELECT count(*) FROM event WHERE post_id = 'VNM-SGN'");
    assertEquals(events.size(), stored, "server count must equal generated count");
    long documents = events.stream().filter(e -> e.getString("type").equals("document_check")).count();
    assertEquals(documents, count(server, "SELECT count(*) FROM event WHERE post_id = 'VNM-SGN' AND type = 'document_check'"));
  }

  @Test
  void aBatchTheServerRefusesIsSetAsideAndDoesNotBlockTheQueue() throws Exception {
    Path spoolDir = dir.resolve("spool/KHM-PNH");
    Spool spool = new Spool(spoolDir);
    List<JsonObject> events = generated("KHM-PNH", 4);
    spool.append(List.of(events.get(0).copy().put("post", "NO-SUCH-POST")));
    spool.append(events.subList(1, 50));
    drain(spool, "KHM-PNH");
    assertEquals(49, count(server, "SELECT count(*) FROM event WHERE post_id = 'KHM-PNH'"));
    try (var rejected = Files.list(spoolDir.resolve("rejected"))) {
      assertEquals(2, rejected.count(), "the segment and the server's answer");
    }
  }
}
