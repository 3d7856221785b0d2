package org.borderpulse.catalog;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.borderpulse.support.Events;
import org.borderpulse.support.OneNodeTest;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;

class CatalogApiTest extends OneNodeTest {

  private static JsonObject post(String country, String... workstations) {
    JsonArray ws = new JsonArray();
    for (String w : workstations) {
      ws.add(new JsonObject().put("id", w).put("name", "Desk " + w));
    }
    return new JsonObject().put("name", "Test crossing").put("country", country).put("kind", "land")
        .put("timeZone", "Asia/Vientiane").put("operatingHours", "06:00-22:00").put("workstations", ws);
  }

  @Test
  void shippedRegionsAreProvisioned() {
    HttpResponse<Buffer> r = await(api.get(ADMIN_TOKEN, "/api/v1/regions"));
    assertEquals(200, r.statusCode());
    JsonArray regions = r.bodyAsJsonObject().getJsonArray("regions");
    JsonObject asean = regions.getJsonObject(0);
    assertEquals("asean", asean.getString("id"));
    assertEquals(11, asean.getJsonArray("countries").size());
    JsonObject mekong = regions.getJsonObject(1);
    assertEquals(List.of("KHM", "LAO", "MMR", "THA", "VNM"), mekong.getJsonArray("countries").getList());
  }

  @Test
  void shippedPostsCoverSeveralCountriesWithWorkstations() {
    List<String> shipped = ReferenceFiles.posts(TestServer.CONFIG_DIR.resolve("posts.yaml")).stream()
        .map(Post::id).toList();
    List<JsonObject> posts = await(api.get(ADMIN_TOKEN, "/api/v1/posts")).bodyAsJsonObject().getJsonArray("posts")
        .stream().map(JsonObject.class::cast).filter(p -> shipped.contains(p.getString("id"))).toList();
    assertEquals(shipped.size(), posts.size());
    long countries = posts.stream().map(p -> p.getString("country")).distinct().count();
    assertTrue(countries >= 6, "posts in " + countries + " countries");
    posts.forEach(p -> assertTrue(p.getJsonArray("workstations").size() >= 2, p.toString()));
  }

  @Test
  void putCreatesThenReplacesAPostAndItTakesEventsAtOnce() {
    HttpResponse<Buffer> created = await(api.put(ADMIN_TOKEN, "/api/v1/posts/LAO-HXY", post("LAO", "A", "B")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("LAO-HXY", created.bodyAsJsonObject().getString("id"));
    HttpResponse<Buffer> replaced = await(api.put(ADMIN_TOKEN, "/api/v1/posts/LAO-HXY", post("LAO", "C")));
    assertEquals(200, replaced.statusCode());
    JsonObject listed = await(api.get(ADMIN_TOKEN, "/api/v1/posts")).bodyAsJsonObject().getJsonArray("posts")
        .stream().map(JsonObject.class::cast).filter(p -> p.getString("id").equals("LAO-HXY")).findFirst().orElseThrow();
    assertEquals(new JsonArray().add(new JsonObject().put("id", "C").put("name", "Desk C")),
        listed.getJsonArray("workstations"));

    String token = api.postToken("LAO-HXY");
    JsonArray ok = new JsonArray().add(Events.documentCheck("hxy-1", "LAO-HXY", "C", "genuine"));
    assertEquals(200, await(api.send(token, ok)).statusCode());
    JsonArray removedDesk = new JsonArray().add(Events.documentCheck("hxy-2", "LAO-HXY", "A", "genuine"));
    assertEquals(422, await(api.send(token, removedDesk)).statusCode());
  }

  @Test
  void invalidPostIs422NamingEachField() {
    JsonObject bad = post("XXZ").put("timeZone", "Asia/Atlantis")
        .put("workstations", new JsonArray().add(new JsonObject().put("id", "dup")).add(new JsonObject().put("id", "dup")));
    HttpResponse<Buffer> r = await(api.put(ADMIN_TOKEN, "/api/v1/posts/BAD-1", bad));
    assertEquals(422, r.statusCode());
    List<String> fields = r.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
    assertEquals(List.of("country", "timeZone", "workstations[1].id"), fields);
    assertEquals(404, await(api.post(ADMIN_TOKEN, "/api/v1/posts/BAD-1/tokens")).statusCode());
  }

  @Test
  void bodyOfTheWrongShapeIs400FromTheContract() {
    HttpResponse<Buffer> r = await(api.put(ADMIN_TOKEN, "/api/v1/posts/P-1", new JsonObject().put("name", 5)));
    assertEquals(400, r.statusCode());
    HttpResponse<Buffer> kind = await(api.put(ADMIN_TOKEN, "/api/v1/posts/P-1", post("THA").put("kind", "rail")));
    assertEquals(400, kind.statusCode());
    assertTrue(kind.bodyAsJsonObject().getString("detail").contains("kind"), kind.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("name"), r.bodyAsString());
  }

  @Test
  void tokensAreNewEachTimeStoredHashedAndWriteOnlyTheirPost() {
    String a = api.postToken("VNM-SGN");
    String b = api.postToken("VNM-SGN");
    assertNotEquals(a, b);
    assertEquals(0, TestServer.count(server, "SELECT count(*) FROM post_token WHERE encode(token_hash, 'escape') LIKE $1", "%" + a + "%"));
    assertEquals(2, TestServer.count(server, "SELECT count(*) FROM post_token WHERE post_id = 'VNM-SGN'"));
    assertEquals(200, await(api.send(a, new JsonArray().add(Events.crossing("sgn-1", "VNM-SGN", 3)))).statusCode());
  }

  @Test
  void postTokenCannotUseTheAdminApi() {
    String token = api.postToken("KHM-PNH");
    assertEquals(403, await(api.get(token, "/api/v1/posts")).statusCode());
    assertEquals(403, await(api.put(token, "/api/v1/posts/KHM-PNH", post("KHM"))).statusCode());
    assertEquals(403, await(api.post(token, "/api/v1/posts/KHM-PNH/tokens")).statusCode());
    assertEquals(401, await(api.get(null, "/api/v1/regions")).statusCode());
  }
}
