package org.borderpulse.alert;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.borderpulse.support.CliRun;
import org.borderpulse.support.Events;
import org.borderpulse.support.OneNodeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert API's answers to mistakes, who may call it, alert lists and {@code borderpulse alert-list import}. */
class AlertApiTest extends OneNodeTest {
  @TempDir
  Path dir;

  private static List<String> fields(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))
        .sorted().toList();
  }

  @Test
  void badFiltersAndBodiesAreExplainedFieldByField() {
    HttpResponse<Buffer> list = await(api.get(ADMIN_TOKEN, "/api/v1/alerts?state=burning&severity=high&country=Thai&x=1"));
    assertEquals(400, list.statusCode());
    assertEquals("application/problem+json", list.getHeader("Content-Type"));
    assertEquals(List.of("country", "severity", "state", "x"), fields(list));
    assertEquals(200, await(api.get(ADMIN_TOKEN, "/api/v1/alerts?state=firing,pending&country=THA")).statusCode());

    HttpResponse<Buffer> silence = await(api.post(ADMIN_TOKEN, "/api/v1/silences", new JsonObject()
        .put("matchers", new JsonArray().add(new JsonObject().put("name", "colour").put("value", "red")))
        .put("until", "tomorrow")));
    assertEquals(422, silence.statusCode());
    assertEquals(List.of("comment", "matchers[0]", "until"), fields(silence));
    HttpResponse<Buffer> past = await(api.post(ADMIN_TOKEN, "/api/v1/silences", new JsonObject()
        .put("matchers", new JsonObject().put("rule", "fraud-burst")).put("until", "2020-01-01T00:00:00Z")
        .put("comment", "too late")));
    assertEquals(422, past.statusCode());
    assertTrue(past.bodyAsString().contains("must be in the future"), past.bodyAsString());

    HttpResponse<Buffer> hashes = await(api.put(ADMIN_TOKEN, "/api/v1/alert-lists/watch", new JsonObject()
        .put("hashes", new JsonArray().add("ab".repeat(16)).add("P1234567").add(42)).put("names", "x")));
    assertEquals(422, hashes.statusCode());
    assertEquals(List.of("hashes[1]", "hashes[2]", "names"), fields(hashes));
    assertEquals(404, await(api.get(ADMIN_TOKEN, "/api/v1/alert-lists/watch")).statusCode(), "nothing was stored");
    assertEquals(400, await(api.post(ADMIN_TOKEN, "/api/v1/alerts/x/ack")).statusCode(), "no body");
  }

  @Test
  void onlyTheAdminReadsAndManagesAlerts() {
    String post = api.postToken("THA-BKK");
    assertEquals(403, await(api.get(post, "/api/v1/alerts")).statusCode());
    assertEquals(403, await(api.get(post, "/api/v1/silences")).statusCode());
    assertEquals(403, await(api.put(post, "/api/v1/alert-lists/x", new JsonObject().put("hashes", new JsonArray())))
        .statusCode());
    assertEquals(401, await(api.get(null, "/api/v1/alerts")).statusCode());
  }

  @Test
  void postActivityTellsWhenEachPostWasLastHeardWithinTheCallersFilters() {
    HttpResponse<Buffer> sent = await(api.send(ADMIN_TOKEN, new JsonArray()
        .add(Events.documentCheck("activity-history", "MYS-KUL", "MYS-KUL-P01", "genuine"))
        .add(Events.documentCheck("activity-fresh", "THA-BKK", "THA-BKK-P01", "genuine")
            .put("occurredAt", Instant.now().minusSeconds(90).toString()))));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    Map<String, JsonObject> posts = Map.of();
    for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; ) {
      posts = activity("");
      if (posts.get("THA-BKK").getString("lastHeardAt") != null) {
        break;
      }
    }
    JsonObject bkk = posts.get("THA-BKK");
    assertTrue(Instant.parse(bkk.getString("lastHeardAt")).isAfter(Instant.now().minusSeconds(60)), bkk.encode());
    assertEquals(0L, bkk.getLong("quietMinutes"), bkk.encode());
    assertEquals(false, bkk.getBoolean("silenceAlert"));
    assertEquals("THA", bkk.getString("country"));
    assertNull(posts.get("MYS-KUL").getString("lastHeardAt"), "a record from 2022 is history, not the post speaking");
    assertTrue(posts.size() > 10, "every post: " + posts.keySet());

    assertTrue(activity("?country=THA,KHM").values().stream()
        .allMatch(p -> List.of("THA", "KHM").contains(p.getString("country"))));
    assertEquals(Set.of("THA-BKK"), activity("?post=THA-BKK").keySet());
    HttpResponse<Buffer> bad = await(api.get(ADMIN_TOKEN, "/api/v1/activity?colour=red&country="));
    assertEquals(400, bad.statusCode());
    assertEquals(List.of("colour", "country"), fields(bad));
    assertEquals(403, await(api.get(api.postToken("THA-BKK"), "/api/v1/activity")).statusCode());
    assertEquals(401, await(api.get(null, "/api/v1/activity")).statusCode());
  }

  private Map<String, JsonObject> activity(String query) {
    HttpResponse<Buffer> r = await(api.get(ADMIN_TOKEN, "/api/v1/activity" + query));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    Map<String, JsonObject> out = new TreeMap<>();
    r.bodyAsJsonObject().getJsonArray("posts").forEach(p -> out.put(((JsonObject) p).getString("post"), (JsonObject) p));
    return out;
  }

  @Test
  void aListIsReplacedWholeAndKeepsHashesOnly() {
    String a = "0123456789abcdef0123456789abcdef";
    String b = "fedcba9876543210fedcba9876543210";
    assertEquals(201, await(api.put(ADMIN_TOKEN, "/api/v1/alert-lists/replace-me",
        new JsonObject().put("hashes", new JsonArray().add(a).add(b.toUpperCase())))).statusCode());
    assertEquals(200, await(api.put(ADMIN_TOKEN, "/api/v1/alert-lists/replace-me",
        new JsonObject().put("hashes", new JsonArray().add(b)))).statusCode());
    JsonObject got = await(api.get(ADMIN_TOKEN, "/api/v1/alert-lists/replace-me")).bodyAsJsonObject();
    assertEquals(new JsonArray().add(b), got.getJsonArray("hashes"));
    assertEquals(1, got.getInteger("size"));
    assertTrue(await(api.get(ADMIN_TOKEN, "/api/v1/alert-lists")).bodyAsJsonObject().getJsonArray("lists").stream()
        .anyMatch(l -> ((JsonObject) l).getString("id").equals("replace-me")));
  }

  @Test
  void theAlertListImportCommandUploadsAFileOfHashes() throws Exception {
    Path file = dir.resolve("Watchlist.txt");
    Files.writeString(file, "# demo list\n" + "aa".repeat(32) + "\n\n" + "BB".repeat(20) + "\n" + "aa".repeat(32) + "\n");
    String server = "http://127.0.0.1:" + api.port();
    CliRun ok = CliRun.of("alert-list", "import", file.toString(), "--server", server, "--token", ADMIN_TOKEN);
    assertEquals(0, ok.exit(), ok.err());
    assertTrue(ok.out().contains("alert list 'watchlist' created: 2 hashes"), ok.out());
    JsonObject got = await(api.get(ADMIN_TOKEN, "/api/v1/alert-lists/watchlist")).bodyAsJsonObject();
    assertEquals(new JsonArray().add("aa".repeat(32)).add("bb".repeat(20)), got.getJsonArray("hashes"));

    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "aa".repeat(32) + "\nAB12-3456 passport\nxyz\n");
    CliRun refused = CliRun.of("alert-list", "import", bad.toString(), "--list", "bad", "--server", server, "--token",
        ADMIN_TOKEN);
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains("line 2") && refused.err().contains("line 3"), refused.err());
    assertEquals(404, await(api.get(ADMIN_TOKEN, "/api/v1/alert-lists/bad")).statusCode(), "nothing was sent");

    CliRun wrongToken = CliRun.of("alert-list", "import", file.toString(), "--server", server, "--token", "bpa_wrong");
    assertEquals(1, wrongToken.exit());
    assertTrue(wrongToken.err().contains("401"), wrongToken.err());
  }
}
