package org.borderpulse.rollup;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.borderpulse.support.TestServer.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.support.Api;
import org.borderpulse.support.CommandProcess;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Rollups are written behind the ingest transaction (decision 010): a crash between the commit
 * and the write loses nothing, and counts nothing twice.
 */
class RollupWriterTest {
  /** Document checks, interceptions and hourly crossing counts at two posts, on a few days. */
  private static JsonArray batch(String prefix, int n) {
    JsonArray a = new JsonArray();
    OffsetDateTime t = OffsetDateTime.of(2025, 3, 30, 20, 0, 0, 0, ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      String post = i % 2 == 0 ? "THA-BKK" : "MYS-KUL";
      String at = t.plusMinutes(37L * i).toString();
      a.add(switch (i % 3) {
        case 0 -> Events.documentCheck(prefix + i, post, post + "-P01", i % 7 == 0 ? "imposter" : "genuine")
            .put("occurredAt", at);
        case 1 -> Events.interception(prefix + i, post, "no_visa").put("occurredAt", at).put("persons", 1 + i % 3);
        default -> Events.crossing(prefix + i, post, 10 + i).put("occurredAt", at).put("periodMinutes", 60);
      });
    }
    return a;
  }

  private static void assertRollupsMatchEvents(BorderPulseServer server) {
    assertEquals(0, count(server, "SELECT count(*) FROM ingest_batch WHERE NOT rolled"), "every batch folded");
    assertEquals(count(server, "SELECT count(*) FROM event"), count(server, "SELECT sum(events) FROM rollup_day"));
    assertEquals(count(server, "SELECT sum(CASE type WHEN 'document_check' THEN 1 WHEN 'interception' "
        + "THEN persons ELSE count END) FROM event"), count(server, "SELECT sum(value) FROM rollup_day"));
  }

  @Test
  void batchesCommittedBeforeACrashAreFoldedAtTheNextStartExactlyOnce() throws Exception {
    String url = TestPostgres.freshDatabaseUrl();
    Vertx vertx = Vertx.vertx();
    JsonObject before;
    // A first server takes batches and is killed before its first write (an hour away).
    try (CommandProcess serve = CommandProcess.start(Map.of("BORDERPULSE_ADMIN_TOKEN", ADMIN_TOKEN,
        "BORDERPULSE_ROLLUP_FLUSH_MS", "3600000"), "serve", "--database-url", url, "--port", "0",
        "--host", "127.0.0.1", "--data", java.nio.file.Files.createTempDirectory("bp-writer").toString(),
        "--config", TestServer.CONFIG_DIR.resolve("borderpulse.yaml").toString())) {
      Api api = new Api(vertx, Integer.parseInt(serve.await(CommandProcess.LISTENING, 120)));
      for (int b = 0; b < 6; b++) {
        var sent = await(api.send(ADMIN_TOKEN, batch("w" + b + "-", 300)));
        assertEquals(200, sent.statusCode(), sent.bodyAsString());
      }
      assertEquals(200, await(api.send(ADMIN_TOKEN, batch("w0-", 300))).statusCode(), "a retry: all duplicates");
      before = await(api.get(ADMIN_TOKEN, "/api/v1/breakdown?metric=crossings&by=hour&from=2025-03-30"))
          .bodyAsJsonObject();
      serve.kill();
    }
    // The next start folds them from the stored events, before it takes any batch.
    BorderPulseServer server = TestServer.start(vertx, TestServer.settings(url).with(Setting.ROLLUP_FLUSH_MS, "200"));
    try {
      assertEquals(6, count(server, "SELECT count(*) FROM ingest_batch"), "six batches stored, the retry none");
      assertRollupsMatchEvents(server);
      Api api = new Api(vertx, server);
      assertEquals(before, await(api.get(ADMIN_TOKEN, "/api/v1/breakdown?metric=crossings&by=hour&from=2025-03-30"))
          .bodyAsJsonObject(), "the cube after the restart answers as the cube before the crash");
      // and the writer goes on folding new batches behind their commits
      assertEquals(200, await(api.send(ADMIN_TOKEN, batch("x-", 200))).statusCode());
      assertTrue((Integer) await(vertx.eventBus().request(RollupWriter.FLUSH, null)).body() >= 0, "written");
      assertRollupsMatchEvents(server);
    } finally {
      await(server.stop());
      await(vertx.close());
    }
  }

  @Test
  void eachWriteAddsAPartAndABlockWithTooManyPartsIsMergedIntoOne() throws Exception {
    String url = TestPostgres.freshDatabaseUrl();
    Vertx vertx = Vertx.vertx();
    BorderPulseServer server = TestServer.start(vertx, TestServer.settings(url).with(Setting.ROLLUP_FLUSH_MS, "3600000"));
    JsonObject before;
    String hours = "/api/v1/breakdown?metric=crossings&by=hour&from=2025-04-01&to=2025-04-01";
    try {
      Api api = new Api(vertx, server);
      int writes = RollupWriter.MAX_PARTS + 4;
      for (int w = 0; w < writes; w++) {
        JsonArray one = new JsonArray();
        for (int i = 0; i < 3; i++) {
          one.add(Events.crossing("p" + w + "-" + i, "THA-BKK", 10 + w).put("periodMinutes", 60)
              .put("occurredAt", "2025-04-01T" + (10 + i) + ":00:00+07:00"));
        }
        assertEquals(200, await(api.send(ADMIN_TOKEN, one)).statusCode());
        assertEquals(1, (Integer) await(vertx.eventBus().request(RollupWriter.FLUSH, null)).body(), "one batch written");
      }
      // the write that made the 17th part merged all of them into one; three more writes followed
      assertEquals(4, count(server, "SELECT count(*) FROM rollup_block WHERE local_day = '2025-04-01'"), "parts");
      assertRollupsMatchEvents(server);
      before = await(api.get(ADMIN_TOKEN, hours)).bodyAsJsonObject();
    } finally {
      await(server.stop());
    }
    server = TestServer.start(vertx, TestServer.settings(url));
    try {
      assertEquals(before, await(new Api(vertx, server).get(ADMIN_TOKEN, hours)).bodyAsJsonObject(),
          "the start-up load adds a block's parts up to what the cube held");
    } finally {
      await(server.stop());
      await(vertx.close());
    }
  }
}
