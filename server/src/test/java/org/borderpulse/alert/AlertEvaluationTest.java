package org.borderpulse.alert;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.config.Setting;
import org.borderpulse.support.AlertNode;
import org.junit.jupiter.api.Test;

/**
 * Each rule kind on generated data, with the evaluator's clock moved by hand: fires when it
 * should, stays quiet on small counts, respects {@code for}, recovers without flapping.
 */
class AlertEvaluationTest {
  /** A Monday, 10:00 in Bangkok. */
  static final Instant T0 = Instant.parse("2025-06-02T03:00:00Z");
  private int seq;

  JsonObject check(String post, String outcome, Instant at) {
    JsonObject e = new JsonObject().put("id", "ev-" + (++seq)).put("type", "document_check").put("post", post)
        .put("workstation", post + "-P01").put("occurredAt", at.atOffset(ZoneOffset.UTC).toString())
        .put("outcome", outcome).put("documentType", "passport").put("nationality", "FRA");
    if ("imposter".equals(outcome)) {
      e.put("fraudType", "lookalike");
    } else if ("fraudulent_document".equals(outcome)) {
      e.put("fraudType", "counterfeit");
    }
    return e;
  }

  JsonObject crossings(String post, int count, Instant at) {
    return new JsonObject().put("id", "ev-" + (++seq)).put("type", "crossing_count").put("post", post)
        .put("occurredAt", at.atOffset(ZoneOffset.UTC).toString()).put("direction", "entry").put("count", count)
        .put("periodMinutes", 60);
  }

  JsonObject[] checks(String post, String outcome, int n, Instant at) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(check(post, outcome, at.plusSeconds(i)));
    }
    return out.toArray(JsonObject[]::new);
  }

  @Test
  void thresholdNeedsItsMinimumFiresAndRecoversWithoutFlapping() {
    String rules = """
        rules:
          - {id: burst, name: Burst, kind: threshold, severity: critical, metric: fraud_cases, window: 1h,
             op: ">", value: 3, minimum: {metric: scanned_documents, value: 10}, recovery: {value: 1},
             groupBy: post, scope: {country: [THA]}}
        """;
    try (AlertNode n = new AlertNode(T0, rules)) {
      n.send(checks("THA-BKK", "imposter", 4, T0.minusSeconds(600)));
      n.evaluate();
      assertEquals(0, n.alerts("").size(), "4 fraud cases in 4 documents: below the minimum, not judged");

      n.send(checks("THA-BKK", "genuine", 6, T0.minusSeconds(500)));
      n.send(checks("VNM-SGN", "imposter", 20, T0.minusSeconds(500)));
      n.evaluate();
      JsonObject a = n.only("state=firing");
      assertEquals("burst", a.getString("rule"));
      assertEquals(new JsonObject().put("post", "THA-BKK"), a.getJsonObject("group"));
      assertEquals(4, a.getInteger("value"));
      assertEquals(3, a.getInteger("threshold"));
      assertEquals(T0.toString(), a.getString("since"));
      assertTrue(a.getString("explanation").contains("fraud_cases 4 over the last 1h"), a.encode());
      assertTrue(a.getString("link").startsWith("/d/fraud-overview?country=THA&post=THA-BKK&period=2025-06-02"),
          a.getString("link"));

      // two more cases 30 minutes later; the first four leave the window: 2 is below 3 but above the recovery 1
      n.clock.advance(Duration.ofMinutes(30));
      n.send(checks("THA-BKK", "fraudulent_document", 2, n.clock.instant().minusSeconds(60)));
      n.send(checks("THA-BKK", "genuine", 10, n.clock.instant().minusSeconds(50)));
      n.clock.advance(Duration.ofMinutes(25));
      n.evaluate();
      JsonObject still = n.only("state=firing");
      assertEquals(2, still.getInteger("value"), "still firing at 2: no flapping around the threshold");
      assertEquals(T0.toString(), still.getString("since"));

      // an hour on, nothing in the window: too little to judge, so it keeps firing rather than guess
      n.clock.advance(Duration.ofMinutes(40));
      n.evaluate();
      assertEquals(0, n.only("state=firing").getInteger("value"));

      n.send(checks("THA-BKK", "genuine", 12, n.clock.instant().minusSeconds(60)));
      n.evaluate();
      JsonObject resolved = n.only("state=resolved");
      assertEquals(0, resolved.getInteger("value"));
      assertEquals(2, n.count("SELECT count(*) FROM alert_transition"), "normal → firing → resolved, nothing else");
    }
  }

  @Test
  void forKeepsAnAlertPendingUntilTheConditionHeldLongEnough() {
    String rules = """
        rules:
          - {id: rate, name: Rate, kind: threshold, severity: warning, metric: fraud_rate, window: 2h,
             op: ">", value: 0.2, groupBy: post, for: 15m}
        """;
    try (AlertNode n = new AlertNode(T0, rules)) {
      n.send(checks("THA-DMK", "imposter", 3, T0.minusSeconds(60)));
      n.send(checks("THA-DMK", "genuine", 7, T0.minusSeconds(30)));
      n.evaluate();
      assertEquals("pending", n.only("rule=rate").getString("state"));
      n.clock.advance(Duration.ofMinutes(14));
      n.evaluate();
      assertEquals("pending", n.only("rule=rate").getString("state"), "14 of 15 minutes");
      n.clock.advance(Duration.ofMinutes(1));
      n.evaluate();
      JsonObject firing = n.only("state=firing");
      assertEquals(0.3, firing.getDouble("value"), 1e-9);
      assertEquals(T0.plus(Duration.ofMinutes(15)).toString(), firing.getString("since"));

      // a condition that clears while pending goes back to normal without ever firing
      n.send(checks("THA-BKK", "imposter", 3, n.clock.instant().minusSeconds(10)));
      n.evaluate();
      assertEquals(1, n.alerts("state=pending").size());
      n.send(checks("THA-BKK", "genuine", 20, n.clock.instant().minusSeconds(5)));
      n.evaluate();
      assertEquals(0, n.alerts("state=pending").size());
      assertEquals(1, n.alerts("state=normal").size());

      assertEquals(204, await(n.api().delete(ADMIN_TOKEN, "/api/v1/alert-rules/rate")).statusCode());
      n.evaluate();
      assertEquals(0, n.alerts("state=firing,pending").size(), "a deleted rule's alerts are resolved");
      assertTrue(n.only("state=resolved").getString("explanation").endsWith("(rule deleted)"));
    }
  }

  @Test
  void anomalyJudgesSmallCountsAgainstThePostsOwnBaseline() {
    String rules = """
        rules:
          - {id: odd, name: Odd, kind: anomaly, severity: warning, metric: imposters, window: 6h, baseline: 28d,
             pValue: 0.001, minExpected: 0.2, groupBy: post}
          - {id: odd-per-traffic, name: Odd for the traffic, kind: anomaly, severity: info, metric: imposters,
             window: 6h, baseline: 28d, pValue: 0.001, minExpected: 0.2, perCrossings: true, groupBy: post,
             scope: {post: [THA-BKK]}}
        """;
    try (AlertNode n = new AlertNode(T0, rules)) {
      // baseline: one imposter a day for 28 days at THA-BKK (0.25 expected per 6 h); one a week at THA-DMK
      for (int d = 1; d <= 28; d++) {
        n.send(check("THA-BKK", "imposter", T0.minus(Duration.ofDays(d))), crossings("THA-BKK", 1000,
            T0.minus(Duration.ofDays(d))));
        if (d % 7 == 0) {
          n.send(check("THA-DMK", "imposter", T0.minus(Duration.ofDays(d))));
        }
      }
      n.send(check("THA-BKK", "imposter", T0.minusSeconds(3600)), crossings("THA-BKK", 4000, T0.minusSeconds(7200)));
      n.evaluate();
      assertEquals(0, n.alerts("").size(), "one imposter where 0.25 are expected is not improbable (p = 0.22)");

      n.send(checks("THA-BKK", "imposter", 3, T0.minusSeconds(1800)));
      n.send(checks("THA-DMK", "imposter", 4, T0.minusSeconds(1800)));
      n.evaluate();
      JsonObject a = n.only("state=firing");
      assertEquals(new JsonObject().put("post", "THA-BKK"), a.getJsonObject("group"), "four where 0.25 expected");
      assertEquals(4, a.getInteger("value"));
      assertEquals(0.25, a.getDouble("threshold"), 1e-9);
      assertTrue(a.getString("explanation").contains("expected 0.25 from its 28d baseline"), a.getString("explanation"));
      // THA-DMK: 4 where 0.036 are expected is below minExpected 0.2: too little history to judge
      assertEquals(0, n.alerts("state=firing,pending,normal&rule=odd").stream()
          .filter(x -> ((JsonObject) x).getJsonObject("group").getString("post").equals("THA-DMK")).count());

      // per crossing, four imposters among 4,000 travellers are what 28 in 28,000 lead to expect (p = 0.57)
      assertEquals(0, n.alerts("rule=odd-per-traffic&state=firing,pending,normal,resolved").size());
      n.send(checks("THA-BKK", "imposter", 11, T0.minusSeconds(900)));
      JsonObject traffic = n.only("rule=odd-per-traffic");
      assertEquals("firing", traffic.getString("state"), "15 where 4 are expected for this traffic");
      assertEquals(4.0, traffic.getDouble("threshold"), 1e-9);

      n.clock.advance(Duration.ofHours(7));
      n.evaluate();
      assertEquals("resolved", n.only("rule=odd").getString("state"));
    }
  }

  @Test
  void changeComparesThisPeriodWithThePreviousOneFromTheCube() {
    String rules = """
        rules:
          - {id: rise, name: Rise, kind: change, severity: warning, metric: fraud_cases, interval: month,
             op: ">=", value: 0.5, minimum: {metric: fraud_cases, value: 5}, groupBy: country}
        """;
    try (AlertNode n = new AlertNode(T0, rules)) {
      Instant may = Instant.parse("2025-05-15T03:00:00Z");
      n.send(checks("THA-BKK", "imposter", 4, may));
      n.send(checks("THA-BKK", "fraudulent_document", 6, T0.minusSeconds(3600)));
      n.send(checks("VNM-SGN", "imposter", 1, may));
      n.send(checks("VNM-SGN", "imposter", 3, T0.minusSeconds(3600)));
      n.send(checks("MYS-KUL", "imposter", 10, may));
      n.send(checks("MYS-KUL", "imposter", 12, T0.minusSeconds(3600)));
      n.evaluate();
      JsonArray firing = n.alerts("state=firing");
      assertEquals(1, firing.size(), "VNM (+200% on 3 cases) is under the minimum; MYS rose only 20%: " + firing);
      JsonObject a = firing.getJsonObject(0);
      assertEquals(new JsonObject().put("country", "THA"), a.getJsonObject("group"));
      assertEquals(0.5, a.getDouble("value"), 1e-9);
      assertTrue(a.getString("explanation").contains("2025-06 6 against 2025-05 4"), a.getString("explanation"));
      assertEquals("/d/fraud-overview?country=THA&period=2025-06&interval=month", a.getString("link"));
      assertEquals(1, n.alerts("country=THA").size());
      assertEquals(0, n.alerts("country=VNM").size());
    }
  }

  @Test
  void silenceCountsOnlyTheOpeningHours() {
    String rules = """
        rules:
          - {id: quiet, name: Quiet, kind: silence, severity: critical, after: 15m, scope: {post: [THA-NKI]}}
        """;
    try (AlertNode n = new AlertNode(T0, rules)) { // THA-NKI is open 06:00-22:00 Bangkok time
      n.send(check("THA-NKI", "genuine", T0));
      n.clock.advance(Duration.ofMinutes(14));
      n.evaluate();
      assertEquals(0, n.alerts("").size());
      n.clock.advance(Duration.ofMinutes(2));
      n.evaluate();
      JsonObject a = n.only("state=firing");
      assertEquals(new JsonObject().put("post", "THA-NKI"), a.getJsonObject("group"));
      assertEquals(16, a.getInteger("value"));
      assertEquals(15, a.getInteger("threshold"));

      n.send(check("THA-NKI", "genuine", n.clock.instant().minus(Duration.ofDays(2))));
      n.evaluate();
      assertEquals("firing", n.only("rule=quiet").getString("state"), "history being backfilled is not the post");

      n.send(check("THA-NKI", "genuine", n.clock.instant()));
      n.evaluate();
      assertEquals("resolved", n.only("rule=quiet").getString("state"), "a record ends the silence");

      // last record at 21:50 local; closed 22:00-06:00: at 05:59 it is not silent, at 06:06 it is (10 + 6 min)
      n.clock.set(Instant.parse("2025-06-02T14:50:00Z"));
      n.send(check("THA-NKI", "genuine", n.clock.instant()));
      n.clock.set(Instant.parse("2025-06-02T22:59:00Z"));
      n.evaluate();
      assertEquals("resolved", n.only("rule=quiet").getString("state"), "closed at night is not silent");
      n.clock.set(Instant.parse("2025-06-02T23:06:00Z"));
      n.evaluate();
      assertEquals("firing", n.only("rule=quiet").getString("state"));
    }
  }

  @Test
  void theTimerEvaluatesTimeBasedRulesWithoutNewData() throws InterruptedException {
    String rules = """
        rules:
          - {id: quiet, name: Quiet, kind: silence, severity: critical, after: 5m, scope: {post: [THA-BKK]}}
        """;
    try (AlertNode n = new AlertNode(T0, rules, s -> s.with(Setting.ALERTS_EVALUATE_SECONDS, "1")
        .with(Setting.ALERTS_DEBOUNCE_MS, "60000"))) { // only the timer evaluates
      n.send(check("THA-BKK", "genuine", T0));
      n.clock.advance(Duration.ofMinutes(6)); // no evaluate(): the 1 s timer must notice
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (n.alerts("state=firing").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(new JsonObject().put("post", "THA-BKK"), n.only("state=firing").getJsonObject("group"));
    }
  }

  @Test
  void aDocumentOnAnAlertListFiresAtOnceAndOncePerEvent() {
    String rules = """
        rules:
          - {id: listed, name: Listed, kind: alert_list, severity: critical, lists: [watch], keepFiringFor: 30m}
        """;
    String hash = "ab".repeat(32);
    try (AlertNode n = new AlertNode(T0, rules)) {
      assertEquals(201, await(n.api().put(ADMIN_TOKEN, "/api/v1/alert-lists/watch",
          new JsonObject().put("hashes", new JsonArray().add(hash.toUpperCase()).add("cd".repeat(16))))).statusCode());
      n.evaluate(); // the reload is on the bus before this request
      JsonObject hit = check("THA-BKK", "genuine", T0).put("documentHash", hash);
      JsonObject miss = check("THA-BKK", "genuine", T0).put("documentHash", "ef".repeat(32));
      n.send(hit, miss);
      n.send(hit); // a retry: a duplicate, no second alert
      n.evaluate();
      JsonObject a = n.only("state=firing");
      assertEquals("listed", a.getString("rule"));
      assertEquals(new JsonObject().put("post", "THA-BKK"), a.getJsonObject("group"));
      assertTrue(a.getString("explanation").contains(hit.getString("id")) && a.getString("explanation")
          .contains("alert list 'watch'"), a.getString("explanation"));
      assertTrue(!a.encode().contains(hash), "the alert does not repeat the hash");

      n.clock.advance(Duration.ofMinutes(31));
      n.evaluate();
      assertEquals("resolved", n.only("rule=listed").getString("state"));
      n.restart(); // the start-up re-scan finds the event again: the unique key keeps it one alert
      n.evaluate();
      assertEquals(1, n.alerts("rule=listed").size());
      assertEquals(1, n.count("SELECT count(*) FROM alert_instance"));
    }
  }
}
