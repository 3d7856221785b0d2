package org.borderpulse.http;

import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Vocabulary;
import org.borderpulse.support.OneNodeTest;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document is the source of truth: served, and equal to what the validator enforces. */
class ContractTest extends OneNodeTest {
  private JsonObject event;

  @BeforeAll
  void prepare() {
    HttpResponse<Buffer> r = await(api.get(null, "/api/v1/openapi.yaml"));
    assertEquals(200, r.statusCode());
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = new Yaml().load(r.bodyAsString());
    event = new JsonObject(doc).getJsonObject("components").getJsonObject("schemas").getJsonObject("Event");
  }

  private List<Object> enumOf(String property) {
    return event.getJsonObject("properties").getJsonObject(property).getJsonArray("enum").getList();
  }

  @Test
  void contractVocabulariesEqualTheValidators() {
    assertEquals(Vocabulary.TYPES, enumOf("type"));
    assertEquals(Vocabulary.OUTCOMES, enumOf("outcome"));
    assertEquals(Vocabulary.DOCUMENT_TYPES, enumOf("documentType"));
    assertEquals(Vocabulary.FRAUD_TYPES, enumOf("fraudType"));
    assertEquals(Vocabulary.DIRECTIONS, enumOf("direction"));
    assertEquals(Vocabulary.REASONS, enumOf("reason"));
  }

  @Test
  void contractFieldsEqualTheValidators() {
    java.util.Set<String> fields = new java.util.TreeSet<>(Vocabulary.COMMON_FIELDS);
    Vocabulary.TYPE_FIELDS.values().forEach(fields::addAll);
    assertEquals(fields, new java.util.TreeSet<>(event.getJsonObject("properties").fieldNames()));
    assertEquals(false, event.getBoolean("additionalProperties"));
  }

  @Test
  void healthAndReadinessAnswerWithoutAToken() {
    HttpResponse<Buffer> health = await(api.get(null, "/health"));
    assertEquals(200, health.statusCode());
    assertEquals("UP", health.bodyAsJsonObject().getString("status"));
    HttpResponse<Buffer> ready = await(api.get(null, "/ready"));
    assertEquals(200, ready.statusCode());
    assertTrue(ready.bodyAsString().contains("\"migrations\""), ready.bodyAsString());
  }

  @Test
  void theRootOpensTheWebAppWhoseFilesAreServed() {
    HttpResponse<Buffer> root = await(api.get(null, "/"));
    assertEquals(200, root.statusCode());
    assertTrue(root.getHeader("Content-Type").startsWith("text/html"), root.getHeader("Content-Type"));
    assertTrue(root.getHeader("Content-Security-Policy").contains("default-src 'self'"));
    String shell = root.bodyAsString();
    for (String asset : java.util.List.of("/app/main.js", "/app/app.css", "/webjars/echarts/5.5.0/echarts.min.js")) {
      assertTrue(shell.contains(asset), asset);
      assertEquals(200, await(api.get(null, asset)).statusCode(), asset);
    }
    assertEquals(200, await(api.get(null, "/wall?playlist=operations-room")).statusCode());
    assertEquals(404, await(api.get(null, "/app/nothing.js")).statusCode());
  }

  @Test
  void unknownPathIs404ProblemAndWrongMethodIs405() {
    HttpResponse<Buffer> missing = await(api.get(TestServer.ADMIN_TOKEN, "/api/v1/nothing-here"));
    assertEquals(404, missing.statusCode());
    assertEquals("application/problem+json", missing.getHeader("Content-Type"));
    assertEquals(405, await(api.get(TestServer.ADMIN_TOKEN, "/api/v1/events")).statusCode());
  }
}
