package org.borderpulse.alert;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.borderpulse.support.OneNodeTest;

class RuleApiTest extends OneNodeTest {
  private static final JsonObject CONTRACT_EXAMPLE = new JsonObject("""
      {"name":"Fraud burst","kind":"threshold","severity":"critical","metric":"fraud_cases",
       "window":"24h","op":">","value":10,"groupBy":"post","for":"0s",
       "scope":{"country":["THA"]},"notify":{"webhooks":["http://127.0.0.1:9000/hook"]}}""");

  @Test
  void theContractsExampleRuleIsCreatedReadReplacedAndDeleted() {
    HttpResponse<Buffer> created = await(api.put(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst", CONTRACT_EXAMPLE));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject got = await(api.get(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst")).bodyAsJsonObject();
    assertEquals("api", got.getString("source"));
    assertEquals(10, got.getInteger("value"));
    assertEquals(200, await(api.put(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst",
        CONTRACT_EXAMPLE.copy().put("value", 12))).statusCode());
    assertEquals(12, await(api.get(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst")).bodyAsJsonObject().getInteger("value"));
    assertEquals(204, await(api.delete(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst")).statusCode());
    assertEquals(404, await(api.delete(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst")).statusCode());
    assertEquals(404, await(api.get(ADMIN_TOKEN, "/api/v1/alert-rules/tha-burst")).statusCode());
  }

  @Test
  void theShippedRulesOfEveryKindAreProvisioned() {
    JsonArray rules = await(api.get(ADMIN_TOKEN, "/api/v1/alert-rules")).bodyAsJsonObject().getJsonArray("rules");
    List<String> kinds = rules.stream().map(r -> ((JsonObject) r).getString("kind")).distinct().sorted().toList();
    assertEquals(List.of("alert_list", "anomaly", "change", "silence", "threshold"), kinds);
    rules.forEach(r -> assertEquals("file", ((JsonObject) r).getString("source")));
  }

  @Test
  void anInvalidRuleIs422NamingEveryField() {
    JsonObject bad = CONTRACT_EXAMPLE.copy().put("severity", "apocalyptic").put("op", "=").put("window", "1 day")
        .put("metric", "fraud").put("scope", new JsonObject().put("country", new JsonArray().add("Thailand")))
        .put("notify", new JsonObject().put("webhooks", new JsonArray().add("ftp://x"))).put("colour", "red");
    HttpResponse<Buffer> r = await(api.put(ADMIN_TOKEN, "/api/v1/alert-rules/bad", bad));
    assertEquals(422, r.statusCode());
    List<String> fields = r.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).sorted().toList();
    assertEquals(List.of("colour", "metric", "notify.webhooks[0]", "op", "scope.country", "severity", "window"), fields);
    assertEquals(404, await(api.get(ADMIN_TOKEN, "/api/v1/alert-rules/bad")).statusCode());
  }

  @Test
  void onlyTheAdminManagesRules() {
    String post = api.postToken("THA-BKK");
    assertEquals(403, await(api.get(post, "/api/v1/alert-rules")).statusCode());
    assertEquals(403, await(api.put(post, "/api/v1/alert-rules/x", CONTRACT_EXAMPLE)).statusCode());
    assertTrue(await(api.get(null, "/api/v1/alert-rules")).statusCode() == 401);
  }
}
