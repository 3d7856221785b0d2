package org.borderpulse.dashboard;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.borderpulse.config.Setting;
import org.borderpulse.support.Api;
import org.borderpulse.support.RunningServer;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardApiTest {
  private static final Path SHIPPED = TestServer.CONFIG_DIR.getParent().resolve("dashboards");
  @TempDir
  Path dir;

  private static JsonObject get(Api api, String path) {
    HttpResponse<Buffer> r = await(api.get(ADMIN_TOKEN, path));
    assertEquals(200, r.statusCode(), path + " -> " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  void shippedDashboardsAreServedAndEveryPanelQueryAnswers() {
    try (RunningServer node = RunningServer.start()) {
      JsonObject list = get(node.api, "/api/v1/dashboards");
      assertEquals(new JsonArray(), list.getJsonArray("problems"));
      List<String> ids = list.getJsonArray("dashboards").stream().map(d -> ((JsonObject) d).getString("id")).toList();
      assertTrue(ids.containsAll(List.of("fraud-overview", "regional-trends", "post-operations", "alerts")), ids.toString());
      for (String id : ids) {
        for (Object p : get(node.api, "/api/v1/dashboards/" + id).getJsonArray("panels")) {
          JsonObject panel = (JsonObject) p;
          if (panel.containsKey("query")) {
            assertEquals(200, await(node.api.get(ADMIN_TOKEN, restPath(panel.getJsonObject("query")))).statusCode(),
                id + "/" + panel.getString("id"));
          }
        }
      }
      assertEquals(404, await(node.api.get(ADMIN_TOKEN, "/api/v1/dashboards/nope")).statusCode());
      JsonArray playlists = get(node.api, "/api/v1/playlists").getJsonArray("playlists");
      assertEquals("operations-room", playlists.getJsonObject(0).getString("id"));
      assertEquals(403, await(node.api.get(node.api.postToken("THA-BKK"), "/api/v1/dashboards")).statusCode());
    }
  }

  /** The REST call a panel makes, with the viewer's variables at typical values. */
  private static String restPath(JsonObject query) {
    StringBuilder sb = new StringBuilder("/api/v1/").append(query.getString("kind")).append('?');
    Map<String, String> examples = Map.of("$interval", "quarter", "$period", "2024-Q1", "$country", "THA",
        "$region", "asean");
    query.fieldNames().stream().filter(k -> !k.equals("kind")).forEach(k -> {
      String v = String.valueOf(query.getValue(k));
      sb.append(k).append('=').append(URLEncoder.encode(examples.getOrDefault(v, v), StandardCharsets.UTF_8)).append('&');
    });
    return sb.toString();
  }

  private static JsonObject awaitList(Api api, Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonObject list = get(api, "/api/v1/dashboards");
    while (!condition.test(list) && System.nanoTime() < deadline) {
      await(api.vertxTimer(100));
      list = get(api, "/api/v1/dashboards");
    }
    assertTrue(condition.test(list), list.encodePrettily());
    return list;
  }

  private static String title(JsonObject list, String id) {
    return list.getJsonArray("dashboards").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("id").equals(id)).map(d -> d.getString("title")).findFirst().orElse(null);
  }

  @Test
  void aChangedFileIsReloadedAndABrokenOneKeepsItsLastGoodVersion() throws Exception {
    Path file = dir.resolve("fraud-overview.json");
    Files.copy(SHIPPED.resolve("fraud-overview.json"), file);
    try (RunningServer node = RunningServer.start(TestServer.settings(TestPostgres.freshDatabaseUrl())
        .with(Setting.DASHBOARDS_DIR, dir.toString()))) {
      Api api = node.api;
      assertEquals("Document fraud overview", title(get(api, "/api/v1/dashboards"), "fraud-overview"));

      JsonObject def = new JsonObject(Files.readString(file)).put("title", "Fraud at a glance");
      Files.writeString(file, def.encodePrettily());
      awaitList(api, l -> "Fraud at a glance".equals(title(l, "fraud-overview")));

      Files.writeString(file, def.encode().replace("\"bar\"", "\"pie-in-the-sky\""));
      JsonObject broken = awaitList(api, l -> !l.getJsonArray("problems").isEmpty());
      JsonObject problem = broken.getJsonArray("problems").getJsonObject(0);
      assertEquals("fraud-overview.json", problem.getString("file"));
      assertTrue(problem.getString("problem").contains(".type"), problem.encode());
      assertEquals("Fraud at a glance", title(broken, "fraud-overview"), "the last good version stays served");

      Files.writeString(dir.resolve("extra.json"), "{ not json");
      awaitList(api, l -> l.getJsonArray("problems").stream()
          .anyMatch(p -> ((JsonObject) p).getString("file").equals("extra.json")));

      Files.writeString(file, def.encodePrettily());
      Files.delete(dir.resolve("extra.json"));
      awaitList(api, l -> l.getJsonArray("problems").isEmpty());

      Files.delete(file);
      awaitList(api, l -> l.getJsonArray("dashboards").isEmpty());
    }
  }
}
