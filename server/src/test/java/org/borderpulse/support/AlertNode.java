package org.borderpulse.support;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.borderpulse.alert.AlertBus;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;

/**
 * A node for alerting tests: its own rules file, a hand-moved clock for the evaluator, fast
 * debounce, group wait and retries, a fixed webhook secret; the timer is off (tests evaluate).
 */
public final class AlertNode implements AutoCloseable {
  public static final String SECRET = "test-webhook-secret";
  public final MutableClock clock;
  public final String databaseUrl;
  public final Path rulesFile;
  public RunningServer node;

  private final UnaryOperator<Settings> extra;

  public AlertNode(Instant start, String rulesYaml) {
    this(start, rulesYaml, s -> s);
  }

  /** @param extra more settings (e.g. SMTP) on top of the test defaults */
  public AlertNode(Instant start, String rulesYaml, UnaryOperator<Settings> extra) {
    this.clock = new MutableClock(start);
    this.databaseUrl = TestPostgres.freshDatabaseUrl();
    this.extra = extra;
    try {
      this.rulesFile = Files.createTempFile("bp-alerts", ".yaml");
      Files.writeString(this.rulesFile, rulesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    node = RunningServer.start(settings(), clock);
  }

  public Settings settings() {
    return extra.apply(base());
  }

  private Settings base() {
    return TestServer.settings(databaseUrl)
        .with(Setting.ALERTS_FILE, rulesFile.toString())
        .with(Setting.ALERTS_EVALUATE_SECONDS, "3600")
        .with(Setting.ALERTS_DEBOUNCE_MS, "10")
        .with(Setting.ALERTS_GROUP_WAIT_MS, "50")
        .with(Setting.ALERTS_RETRY_BASE_MS, "100")
        .with(Setting.ALERTS_WEBHOOK_SECRET, SECRET);
  }

  /** Stops the node and starts a new one on the same database, clock and rules (a restart). */
  public void restart() {
    node.close();
    node = RunningServer.start(settings(), clock);
  }

  public Api api() {
    return node.api;
  }

  /** Runs one evaluation pass of every rule and waits for it (and the transitions it writes). */
  public void evaluate() {
    await(node.vertx.eventBus().request(AlertBus.EVALUATE, "test"));
  }

  public void send(JsonObject... events) {
    HttpResponse<Buffer> r = await(node.api.send(ADMIN_TOKEN, new JsonArray(List.of((Object[]) events))));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.bodyAsString());
    }
    evaluate(); // queued behind the committed events: they are taken in at this clock time
  }

  /** GET /api/v1/alerts with a query string (may be empty). */
  public JsonArray alerts(String query) {
    HttpResponse<Buffer> r = await(node.api.get(ADMIN_TOKEN, "/api/v1/alerts" + (query.isEmpty() ? "" : "?" + query)));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getJsonArray("alerts");
  }

  public JsonObject only(String query) {
    JsonArray a = alerts(query);
    if (a.size() != 1) {
      throw new AssertionError("expected one alert for '" + query + "', got " + a.encodePrettily());
    }
    return a.getJsonObject(0);
  }

  public long count(String sql, Object... params) {
    return TestServer.count(node.server, sql, params);
  }

  @Override
  public void close() {
    node.close();
  }
}
