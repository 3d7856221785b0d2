package org.borderpulse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.borderpulse.app.BorderPulseServer;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.query.RawSql;
import org.borderpulse.store.EmbeddedDatabase;
import org.borderpulse.store.Migrations;

/**
 * Query latency from the in-memory aggregate next to the same answers by SQL GROUP BY over
 * the raw events (what a dashboard tool polling PostgreSQL runs), on a large simulated
 * history; and the cold-start time to ready. Usage:
 * {@code BENCH_MAIN=org.borderpulse.bench.QueryBenchmark bench/run --events=10000000}.
 */
public final class QueryBenchmark {
  /** Common dashboard queries: KPI tiles, trends by quarter, distributions, top lists. */
  private static final List<String> QUERIES = List.of(
      "summary?period=2025-Q2",
      "summary?period=2025-Q2&region=mekong",
      "summary?period=2025-Q3&country=THA",
      "series?metric=fraud_cases&interval=quarter&groupBy=country",
      "series?metric=fraud_cases&interval=quarter&groupBy=country&region=asean&from=2023-01-01&to=2025-12-31",
      "series?metric=interceptions_per_10k_crossings&interval=month&groupBy=region&from=2024-01-01&to=2025-12-31",
      "series?metric=crossings&interval=week&country=MYS&from=2025-01-01&to=2025-12-31",
      "breakdown?metric=fraud_cases&by=outcome&from=2025-04-01&to=2025-06-30",
      "breakdown?metric=fraud_rate&by=post&from=2025-04-01&to=2025-06-30",
      "breakdown?metric=fraud_cases&by=documentType&region=mekong&from=2025-01-01&to=2025-12-31",
      "breakdown?metric=interceptions&by=reason&country=KHM&from=2025-01-01&to=2025-12-31");

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    long events = Long.parseLong(opts.getOrDefault("events", "10000000"));
    int iterations = Integer.parseInt(opts.getOrDefault("iterations", "200"));
    int sqlRuns = Integer.parseInt(opts.getOrDefault("sql-runs", "3"));
    Path configDir = Path.of("config").toAbsolutePath();
    Path dir = Files.createTempDirectory("borderpulse-query-bench-");
    System.out.printf("Machine: %d cores, Java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
      Migrations.migrate(db);
      long t0 = System.nanoTime();
      long loaded = HistoryLoader.load(db, configDir, events);
      System.out.printf("Loaded %,d events and their rollups with COPY in %.0f s%n", loaded, secs(t0));

      Settings settings = Settings.defaults(configDir).with(Setting.HOST, "127.0.0.1").with(Setting.PORT, "0")
          .with(Setting.DATA, dir.toString()).with(Setting.ADMIN_TOKEN, "bench").with(Setting.DATABASE_URL,
              "postgresql://postgres@127.0.0.1:" + db.port() + "/postgres");
      Vertx vertx = Vertx.vertx();
      long s0 = System.nanoTime();
      BorderPulseServer server = BorderPulseServer.start(vertx, settings).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.MINUTES);
      double coldStart = secs(s0);
      System.out.printf("Cold start to ready (migrations checked, rollups loaded, serving): %.1f s%n", coldStart);
      try {
        run(server, iterations, sqlRuns);
      } finally {
        server.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      }
    }
  }

  private static void run(BorderPulseServer server, int iterations, int sqlRuns) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    RawSql sql = new RawSql(server.pool());
    List<Long> all = new ArrayList<>();
    System.out.printf("%n%-100s %8s %8s %8s %10s %9s%n", "query", "p50 ms", "p95 ms", "p99 ms", "SQL p50 ms", "speed-up");
    double sumApi = 0;
    double sumSql = 0;
    for (String q : QUERIES) {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/" + q))
          .header("Authorization", "Bearer bench").build();
      for (int i = 0; i < 50; i++) {
        check(http.send(req, HttpResponse.BodyHandlers.ofString()), q);
      }
      long[] t = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        long s = System.nanoTime();
        check(http.send(req, HttpResponse.BodyHandlers.ofString()), q);
        t[i] = System.nanoTime() - s;
        all.add(t[i]);
      }
      Arrays.sort(t);
      long[] s = new long[sqlRuns];
      for (int i = 0; i < sqlRuns; i++) {
        long st = System.nanoTime();
        SqlBaseline.answer(sql, q);
        s[i] = System.nanoTime() - st;
      }
      Arrays.sort(s);
      double api = ms(t[t.length / 2]);
      double base = ms(s[s.length / 2]);
      sumApi += api;
      sumSql += base;
      System.out.printf("%-100s %8.2f %8.2f %8.2f %10.0f %8.0fx%n", q, api, ms(t[(int) (t.length * 0.95)]),
          ms(t[(int) (t.length * 0.99)]), base, base / api);
    }
    long[] a = all.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%nAll %d queries x %d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; SQL baseline / API (sum of p50s): %.0fx%n",
        QUERIES.size(), iterations, ms(a[a.length / 2]), ms(a[(int) (a.length * 0.95)]), ms(a[(int) (a.length * 0.99)]),
        sumSql / sumApi);
  }

  private static void check(HttpResponse<String> r, String q) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(q + " -> " + r.statusCode() + " " + r.body());
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    return m;
  }
}
