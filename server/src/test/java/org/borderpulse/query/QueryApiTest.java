package org.borderpulse.query;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.support.Api;
import org.borderpulse.support.SimData;
import org.borderpulse.support.Events;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint equals SQL over the raw events, on a seeded simulator dataset. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {
  private static final List<LocalDate> WEEKS = List.of(LocalDate.of(2022, 2, 14), LocalDate.of(2022, 5, 10),
      LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 28), LocalDate.of(2025, 7, 1));
  private Vertx vertx;
  private Settings settings;
  private BorderPulseServer server;
  private Api api;
  private RawSql oracle;
  private int events;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    settings = TestServer.settings(TestPostgres.freshDatabaseUrl());
    server = TestServer.start(vertx, settings);
    api = new Api(vertx, server);
    oracle = new RawSql(server.pool());
    List<LocalDate> days = new ArrayList<>();
    WEEKS.forEach(start -> start.datesUntil(start.plusDays(7)).forEach(days::add));
    // recent days have hourly crossing counts (the hour dimension); the older ones daily totals
    LocalDate.now().minusDays(12).datesUntil(LocalDate.now().minusDays(9)).forEach(days::add);
    events = SimData.send(api, days, 99, 3000);
    assertTrue(events > 20_000, "a dataset of tens of thousands of events, got " + events);
  }

  @AfterAll
  void stop() {
    await(server.stop());
    await(vertx.close());
  }

  private JsonObject get(String path, Map<String, String> params) {
    StringBuilder q = new StringBuilder(path).append('?');
    params.forEach((k, v) -> q.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
    HttpResponse<Buffer> r = await(api.get(ADMIN_TOKEN, q.toString()));
    assertEquals(200, r.statusCode(), q + " -> " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Set<String>> filters(Map<String, String> params) {
    Map<String, Set<String>> f = new HashMap<>();
    params.forEach((k, v) -> {
      if (Dimension.byId(k) != null) {
        f.put(k, Set.of(v.split(",")));
      }
    });
    return f;
  }

  private static LocalDate date(Map<String, String> p, String k) {
    return p.containsKey(k) ? LocalDate.parse(p.get(k)) : null;
  }

  private void assertSeriesEqualsSql(Map<String, String> p) {
    JsonObject answer = get("/api/v1/series", p);
    Metric metric = Metric.byId(p.get("metric"));
    var expected = await(oracle.sums(p.get("groupBy"), p.get("interval"), filters(p), date(p, "from"), date(p, "to")));
    Map<String, Map<String, Object>> got = new TreeMap<>();
    for (Object s : answer.getJsonArray("series")) {
      Map<String, Object> points = new TreeMap<>();
      for (Object pt : ((JsonObject) s).getJsonArray("points")) {
        points.put(((JsonObject) pt).getString("period"), ((JsonObject) pt).getValue("value"));
      }
      got.put(((JsonObject) s).getString("key"), points);
    }
    assertEquals(new TreeMap<>(expected).keySet(), got.keySet(), "series keys for " + p);
    expected.forEach((key, periods) -> periods.forEach((period, sums) -> assertEquals(
        normal(metric.value(sums, 0)), normal(got.get(key).get(period)), key + " " + period + " for " + p)));
    got.forEach((key, points) -> points.forEach((period, value) -> {
      if (!expected.get(key).containsKey(period)) {
        assertEquals(normal(metric.value(new long[Metric.SUMS], 0)), normal(value), "empty period " + period);
      }
    }));
  }

  private static Object normal(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  @Test
  void seriesEqualSqlAcrossMetricsIntervalsGroupingsAndFilters() {
    List<Map<String, String>> cases = new ArrayList<>(List.of(
        params("metric", "fraud_cases", "interval", "quarter", "groupBy", "country"),
        params("metric", "scanned_documents", "interval", "month", "groupBy", "region", "region", "mekong",
            "country", "THA,VNM,MYS"),
        params("metric", "interceptions", "interval", "week", "groupBy", "reason", "direction", "entry",
            "from", "2022-01-01", "to", "2024-01-31"),
        params("metric", "fraud_rate", "interval", "year", "groupBy", "post", "documentType", "passport,visa"),
        params("metric", "crossings", "interval", "day", "post", "THA-BKK,MYS-KUL", "from", "2023-12-28",
            "to", "2024-01-03"),
        params("metric", "interceptions_per_10k_crossings", "interval", "quarter", "groupBy", "country",
            "nationality", "CHN"),
        params("metric", "imposters", "interval", "quarter", "groupBy", "workstation", "country", "SGP"),
        params("metric", "fraudulent_documents", "interval", "month", "groupBy", "issuingCountry",
            "fraudType", "forged,counterfeit"),
        params("metric", "entries", "interval", "week", "groupBy", "direction"),
        params("metric", "genuine", "interval", "year", "groupBy", "nationality", "outcome", "genuine",
            "region", "asean"),
        params("metric", "exits", "interval", "month", "groupBy", "documentType", "workstation", "THA-BKK-S01,SGP-SIN-P01"),
        params("metric", "crossings", "interval", "day", "groupBy", "hour", "country", "THA,KHM"),
        params("metric", "interceptions_per_10k_crossings", "interval", "month", "groupBy", "post",
            "hour", "07,08,17")));
    cases.forEach(this::assertSeriesEqualsSql);
  }

  @Test
  void summaryEqualsSqlForEveryMetricAndTheChange() {
    for (Map<String, String> p : List.of(params("period", "2022-Q2"), params("period", "2023", "region", "mekong"),
        params("period", "2024-W01", "outcome", "imposter"), params("period", "2022-02-14", "country", "THA"),
        params("period", "2023-01", "nationality", "CHN,IND"),
        params("from", "2023-12-28", "to", "2024-01-03", "region", "asean", "direction", "exit"))) {
      JsonObject answer = get("/api/v1/summary", p);
      Interval.Period period = p.containsKey("period") ? Interval.parse(p.get("period"))
          : new Interval.Period(null, LocalDate.parse(p.get("from")), LocalDate.parse(p.get("to")));
      assertEquals(period.label(), answer.getString("period"));
      assertEquals(period.previous().label(), answer.getString("previous"));
      long[] now = total(await(oracle.sums(null, null, filters(p), period.start(), period.end())));
      long[] before = total(await(oracle.sums(null, null, filters(p), period.previous().start(), period.previous().end())));
      for (Metric m : Metric.values()) {
        JsonObject got = answer.getJsonObject("metrics").getJsonObject(m.id());
        assertEquals(normal(m.value(now, 0)), normal(got.getValue("value")), m.id() + " for " + p);
        assertEquals(normal(m.value(before, 0)), normal(got.getValue("previous")), m.id() + " previous for " + p);
      }
    }
  }

  private static long[] total(Map<String, Map<String, long[]>> sums) {
    long[] t = new long[Metric.SUMS];
    sums.values().forEach(per -> per.values().forEach(s -> {
      for (int i = 0; i < t.length; i++) {
        t[i] += s[i];
      }
    }));
    return t;
  }

  @Test
  void breakdownEqualsSqlSortedLargestFirstOrByHourInHourOrder() {
    for (Map<String, String> p : List.of(params("metric", "fraud_cases", "by", "documentType"),
        params("metric", "scanned_documents", "by", "nationality", "limit", "10"),
        params("metric", "interceptions", "by", "reason", "country", "KHM"),
        params("metric", "fraud_rate", "by", "post", "from", "2023-01-01", "to", "2023-12-31"),
        params("metric", "crossings", "by", "region"),
        params("metric", "entries", "by", "hour", "country", "MYS"))) {
      JsonObject answer = get("/api/v1/breakdown", p);
      Metric metric = Metric.byId(p.get("metric"));
      var sums = await(oracle.sums(p.get("by"), null, filters(p), date(p, "from"), date(p, "to")));
      List<JsonObject> expected = new ArrayList<>();
      sums.forEach((key, per) -> expected.add(new JsonObject().put("key", key).put("value",
          normal(metric.value(per.get("all"), 0)))));
      expected.sort((a, b) -> {
        double va = a.getValue("value") == null ? Double.NEGATIVE_INFINITY : a.getDouble("value");
        double vb = b.getValue("value") == null ? Double.NEGATIVE_INFINITY : b.getDouble("value");
        int byKey = a.getString("key").compareTo(b.getString("key"));
        return "hour".equals(p.get("by")) ? byKey : va != vb ? Double.compare(vb, va) : byKey;
      });
      List<JsonObject> want = p.containsKey("limit") ? expected.subList(0, Integer.parseInt(p.get("limit"))) : expected;
      List<JsonObject> got = answer.getJsonArray("rows").stream().map(JsonObject.class::cast)
          .map(r -> new JsonObject().put("key", r.getString("key")).put("value", normal(r.getValue("value")))).toList();
      assertEquals(want, got, "breakdown " + p);
      if ("hour".equals(p.get("by"))) {
        assertTrue(got.size() > 12 && got.get(0).getString("key").equals("00"), "hours of the recent days: " + got);
      }
    }
  }

  @Test
  void everyPeriodBetweenFromAndToIsPresentAndEmptyOnesAreZero() {
    JsonObject answer = get("/api/v1/series", params("metric", "fraud_cases", "interval", "quarter",
        "from", "2019-01-01", "to", "2019-12-31"));
    JsonArray points = answer.getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertEquals("all", answer.getJsonArray("series").getJsonObject(0).getString("key"));
    assertEquals(List.of("2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"),
        points.stream().map(x -> ((JsonObject) x).getString("period")).toList());
    points.forEach(x -> assertEquals(0L, ((Number) ((JsonObject) x).getValue("value")).longValue()));
    JsonObject rate = get("/api/v1/series", params("metric", "fraud_rate", "interval", "year", "from", "2019-01-01",
        "to", "2019-12-31"));
    assertNull(rate.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0).getValue("value"));
  }

  @Test
  void csvHasAHeaderRow() {
    HttpResponse<Buffer> r = await(api.getWith(ADMIN_TOKEN, "/api/v1/breakdown?metric=fraud_cases&by=country",
        "Accept", "text/csv"));
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("text/csv"));
    String[] lines = r.bodyAsString().split("\n");
    assertEquals("key,value", lines[0]);
    assertTrue(lines.length > 3);
    HttpResponse<Buffer> s = await(api.getWith(ADMIN_TOKEN, "/api/v1/series?metric=crossings&interval=year",
        "Accept", "text/csv"));
    assertTrue(s.bodyAsString().startsWith("key,period,value\nall,2022,"), s.bodyAsString());
  }

  @Test
  void badParametersAre400NamingTheParameterAndTheAllowedValues() {
    HttpResponse<Buffer> r = await(api.get(ADMIN_TOKEN, "/api/v1/series?metric=fraud&interval=quarter"));
    assertEquals(400, r.statusCode());
    JsonObject err = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("metric", err.getString("field"));
    assertTrue(err.getString("message").contains("fraud_cases"), err.encode());
    for (String bad : List.of("/api/v1/series?metric=fraud_cases&interval=fortnight",
        "/api/v1/series?metric=fraud_cases&interval=day&groupBy=colour",
        "/api/v1/breakdown?metric=fraud_cases&by=country&from=2022-02-30",
        "/api/v1/summary?period=2022-Q5", "/api/v1/summary?period=2022-W54",
        "/api/v1/series?metric=fraud_cases&interval=day&region=atlantis",
        "/api/v1/breakdown?metric=fraud_cases&by=outcome&outcome=maybe",
        "/api/v1/series?metric=fraud_cases&interval=day&colour=red")) {
      HttpResponse<Buffer> b = await(api.get(ADMIN_TOKEN, bad));
      assertEquals(400, b.statusCode(), bad + " -> " + b.bodyAsString());
      assertEquals("application/problem+json", b.getHeader("Content-Type"));
    }
    assertEquals(401, await(api.get(null, "/api/v1/summary")).statusCode());
    assertEquals(403, await(api.get(api.postToken("THA-BKK"), "/api/v1/summary")).statusCode());
  }

  @Test
  void aLateEventMovesTheRightPastBucketAndARestartGivesTheSameAnswers() {
    Map<String, String> q = params("metric", "fraud_cases", "interval", "quarter", "groupBy", "post",
        "from", "2021-01-01", "to", "2021-12-31");
    JsonObject before = get("/api/v1/series", q);
    JsonObject late = Events.documentCheck("late-1", "KHM-POI", "KHM-POI-S01", "imposter")
        .put("occurredAt", "2021-03-31T23:30:00+07:00");
    assertEquals(200, await(api.send(ADMIN_TOKEN, new JsonArray().add(late))).statusCode());
    JsonObject after = get("/api/v1/series", q);
    JsonObject poi = after.getJsonArray("series").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("key").equals("KHM-POI")).findFirst().orElseThrow();
    assertEquals(1L, ((Number) poi.getJsonArray("points").getJsonObject(0).getValue("value")).longValue(),
        "2021-Q1 (the post's local day is 31 March) gains the late imposter");
    assertEquals(0L, ((Number) poi.getJsonArray("points").getJsonObject(1).getValue("value")).longValue());
    assertTrue(before.getJsonArray("series").isEmpty());

    List<JsonObject> answers = List.of(get("/api/v1/summary", params("period", "2023")),
        get("/api/v1/series", params("metric", "fraud_cases", "interval", "month", "groupBy", "country")),
        get("/api/v1/breakdown", params("metric", "interceptions", "by", "reason")));
    await(server.stop());
    server = TestServer.start(vertx, settings.with(Setting.PORT, "0"));
    api = new Api(vertx, server);
    oracle = new RawSql(server.pool());
    assertEquals(answers, List.of(get("/api/v1/summary", params("period", "2023")),
        get("/api/v1/series", params("metric", "fraud_cases", "interval", "month", "groupBy", "country")),
        get("/api/v1/breakdown", params("metric", "interceptions", "by", "reason"))));
  }
}
