package org.borderpulse.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Valid events for the shipped sample posts, made to order. */
public final class Events {
  private Events() {}

  public static JsonObject documentCheck(String id, String post, String workstation, String outcome) {
    JsonObject e = new JsonObject().put("id", id).put("type", "document_check").put("post", post)
        .put("workstation", workstation).put("occurredAt", "2022-05-03T10:15:00+07:00")
        .put("outcome", outcome).put("documentType", "passport").put("nationality", "FRA");
    if (!"genuine".equals(outcome)) {
      e.put("fraudType", "counterfeit");
    }
    return e;
  }

  public static JsonObject interception(String id, String post, String reason) {
    return new JsonObject().put("id", id).put("type", "interception").put("post", post)
        .put("occurredAt", "2023-01-10T23:30:00Z").put("direction", "entry").put("reason", reason);
  }

  public static JsonObject crossing(String id, String post, int count) {
    return new JsonObject().put("id", id).put("type", "crossing_count").put("post", post)
        .put("occurredAt", "2024-02-29T08:00:00+08:00").put("direction", "exit").put("count", count);
  }

  /** {@code n} genuine checks at THA-BKK with ids {@code prefix-0 … prefix-(n-1)}, spread over days. */
  public static JsonArray batch(String prefix, int n) {
    JsonArray a = new JsonArray();
    OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
    for (int i = 0; i < n; i++) {
      a.add(documentCheck(prefix + "-" + i, "THA-BKK", "THA-BKK-P0" + (1 + i % 8), i % 50 == 0 ? "imposter" : "genuine")
          .put("occurredAt", t.plusMinutes(17L * i).toString()));
    }
    return a;
  }
}
