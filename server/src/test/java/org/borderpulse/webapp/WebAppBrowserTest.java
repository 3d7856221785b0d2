package org.borderpulse.webapp;

import static org.borderpulse.support.TestServer.ADMIN_TOKEN;
import static org.borderpulse.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.borderpulse.config.Setting;
import org.borderpulse.support.Browser;
import org.borderpulse.support.Events;
import org.borderpulse.support.RunningServer;
import org.borderpulse.support.SimData;
import org.borderpulse.support.TcpProxy;
import org.borderpulse.support.TestPostgres;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web app in a real headless Chromium against a real node with simulated history: live
 * tiles, filters in the URL, cross-filtering, the wall playlist, the stale banner, screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Set<String> MEKONG = Set.of("KHM", "LAO", "MMR", "THA", "VNM");
  private RunningServer node;
  private Browser browser;
  private String base;
  private int fresh;

  @BeforeAll
  void start() throws IOException {
    Path dashboards = Files.createTempDirectory("bp-dashboards");
    try (Stream<Path> shipped = Files.list(TestServer.CONFIG_DIR.getParent().resolve("dashboards"))) {
      for (Path p : shipped.toList()) {
        Files.copy(p, dashboards.resolve(p.getFileName()));
      }
    }
    JsonObject playlists = new JsonObject(Files.readString(dashboards.resolve("playlists.json")));
    playlists.getJsonArray("playlists").add(new JsonObject().put("id", "test-wall").put("title", "Test wall")
        .put("slides", new JsonArray()
            .add(new JsonObject().put("dashboard", "fraud-overview").put("seconds", 5))
            .add(new JsonObject().put("dashboard", "regional-trends").put("seconds", 5)
                .put("variables", new JsonObject().put("region", "asean")))));
    Files.writeString(dashboards.resolve("playlists.json"), playlists.encodePrettily());
    node = RunningServer.start(TestServer.settings(TestPostgres.freshDatabaseUrl())
        .with(Setting.DASHBOARDS_DIR, dashboards.toString()));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<LocalDate> days = new ArrayList<>();
    // Every fortnight for a year and a half (even quarters), then every day of the last week.
    for (LocalDate d = today.minusMonths(18); d.isBefore(today.minusDays(7)); d = d.plusDays(14)) {
      days.add(d);
    }
    today.minusDays(7).datesUntil(today.plusDays(1)).forEach(days::add);
    long t0 = System.nanoTime();
    int events = SimData.send(node.api, days, 7, 2000);
    System.out.printf("dataset: %,d simulated events on %d days in %.1f s%n", events, days.size(),
        (System.nanoTime() - t0) / 1e9);
    base = "http://127.0.0.1:" + node.server.port();
    browser = Browser.open(1920, 1080);
    signIn(base, "/d/fraud-overview");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private void signIn(String origin, String next) {
    JsonObject code = await(node.api.post(ADMIN_TOKEN, "/api/v1/signin-codes")).bodyAsJsonObject();
    browser.get(origin + code.getString("url") + "&next=" + next);
  }

  private void open(String path) {
    browser.get(base + path);
    browser.waitFor(WAIT, "the live link of " + path, () -> browser.find("#link-state").getAttribute("data-state"),
        "live"::equals);
  }

  /** The number a KPI tile shows (its exact value, as drawn). */
  private long tile(String panel) {
    return Long.parseLong(browser.waitFor(WAIT, "tile " + panel,
        () -> browser.find("[data-panel=" + panel + "] .value").getAttribute("data-value"), v -> !v.isEmpty()));
  }

  @SuppressWarnings("unchecked")
  private List<String> seriesKeys(String panel) {
    return (List<String>) browser.js("const p = window.bp.view.panel(arguments[0]);"
        + "return p && p.chart ? p.chart.getOption().series.filter(Boolean).map(s => s.id) : null;", panel);
  }

  /** Fraudulent documents at THA-BKK a minute ago, with ids of their own. */
  private JsonArray fraudNow(int n) {
    JsonArray batch = new JsonArray();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    for (int i = 0; i < n; i++) {
      batch.add(Events.documentCheck("web-" + (fresh++), "THA-BKK", "THA-BKK-S01", "fraudulent_document")
          .put("occurredAt", at.toString()));
    }
    return batch;
  }

  @Test
  void theKpiTileShowsTheRestSummaryAndMovesLiveWithoutReload() {
    open("/d/fraud-overview");
    long shown = tile("kpi-fraud-cases");
    String period = (String) browser.js("return window.bp.view.panel('kpi-fraud-cases').query.period");
    JsonObject summary = await(node.api.get(ADMIN_TOKEN, "/api/v1/summary?period=" + period)).bodyAsJsonObject();
    assertEquals(summary.getJsonObject("metrics").getJsonObject("fraud_cases").getLong("value"), shown);
    assertTrue(shown > 0, "the simulated history has fraud this quarter");
    System.out.printf("first panel with data %.0f ms after navigation start%n",
        ((Number) browser.js("return performance.getEntriesByName('bp-first-data')[0].startTime")).doubleValue());

    browser.js("window.__sameDocument = true;");
    assertEquals(200, await(node.api.send(ADMIN_TOKEN, fraudNow(3))).statusCode());
    browser.waitFor(WAIT, "the tile to count 3 more", () -> tile("kpi-fraud-cases"), v -> v == shown + 3);
    assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true"), "no reload");
  }

  @Test
  void theCountryFilterGoesToTheUrlAndNarrowsTheCharts() {
    open("/d/fraud-overview");
    browser.waitFor(WAIT, "countries in and outside the Mekong", () -> seriesKeys("fraud-by-country"),
        k -> k != null && k.contains("THA") && k.contains("MYS"));
    browser.find(".country-picker summary").click();
    browser.find("button[data-shortcut='Not Mekong']").click();
    String url = browser.waitFor(WAIT, "the filter in the URL", browser::url, u -> u.contains("country="));
    assertTrue(url.contains("MYS") && !url.contains("THA"), url);
    List<String> keys = browser.waitFor(WAIT, "the chart without Mekong countries", () -> seriesKeys("fraud-by-country"),
        k -> k != null && !k.isEmpty() && k.stream().noneMatch(MEKONG::contains));
    assertTrue(keys.contains("MYS"), keys.toString());

    // The link reproduces the view.
    browser.get(url);
    browser.waitFor(WAIT, "the same view from the link", () -> seriesKeys("fraud-by-country"),
        k -> k != null && !k.isEmpty() && k.stream().noneMatch(MEKONG::contains));

    // Cross-filtering: a click on a table row filters the whole dashboard by it.
    browser.waitFor(WAIT, "the document types table", () -> browser.findAll("[data-panel=top-document-types] tr[data-key]"),
        rows -> !rows.isEmpty()).get(0).click();
    String crossed = browser.waitFor(WAIT, "the cross-filter in the URL", browser::url, u -> u.contains("documentType="));
    assertFalse(browser.findAll(".chip[data-filter=documentType]").isEmpty(), "the cross-filter is shown");
    browser.driver.navigate().back();
    browser.waitFor(WAIT, "back to the view before", browser::url, u -> !u.contains("documentType=") && u.contains("country="));
    assertTrue(crossed.contains("country="), "cross-filters add to the filters in force: " + crossed);
  }

  /** The REST answer to a panel's current query (its parameters without {@code kind}). */
  private JsonObject restAnswer(String panel, String endpoint) {
    return await(node.api.get(ADMIN_TOKEN, "/api/v1/" + endpoint + "?" + browser.js(
        "return new URLSearchParams(Object.entries(window.bp.view.panel(arguments[0]).query)"
        + ".filter(([k]) => k !== 'kind')).toString()", panel))).bodyAsJsonObject();
  }

  @Test
  void postOperationsShowsCrossingsByHourAndWhichPostsWereHeardLive() {
    open("/d/post-operations?country=THA");
    browser.waitFor(WAIT, "crossings by hour", () -> browser.js(
        "const p = window.bp.view.panel('crossings-by-hour'); return p.data && p.data.rows.length"),
        n -> n != null && ((Number) n).intValue() >= 12);
    JsonArray rows = restAnswer("crossings-by-hour", "breakdown").getJsonArray("rows");
    assertEquals(rows.stream().map(r -> ((JsonObject) r).getString("key")).toList(),
        browser.js("return window.bp.view.panel('crossings-by-hour').data.rows.map(r => r.key)"));
    @SuppressWarnings("unchecked")
    List<String> axis = (List<String>) browser.js("const o = window.bp.view.panel('crossings-by-hour').chart"
        + ".getOption(); return (o.xAxis[0].data || o.yAxis[0].data)");
    assertEquals(axis.stream().sorted().toList(), axis, "hours in order on the axis");
    assertTrue(axis.contains("08") && !axis.contains("none"), "hourly counts of the recent days: " + axis);

    List<String> posts = browser.waitFor(WAIT, "the post activity rows",
        () -> browser.findAll("[data-panel=post-activity] tr[data-key]").stream().map(r -> r.getAttribute("data-key"))
            .toList(), k -> !k.isEmpty());
    assertTrue(posts.contains("THA-BKK") && posts.stream().allMatch(k -> k.startsWith("THA-")), posts.toString());
    String before = (String) browser.js("return window.bp.view.panel('post-activity').data.posts"
        + ".find(p => p.post === 'THA-BKK').lastHeardAt");
    browser.js("window.__sameDocument = true;");
    assertEquals(200, await(node.api.send(ADMIN_TOKEN, fraudNow(1))).statusCode());
    browser.waitFor(WAIT, "THA-BKK heard again, without a reload", () -> (String) browser.js(
        "return window.bp.view.panel('post-activity').data.posts.find(p => p.post === 'THA-BKK').lastHeardAt"),
        t -> t != null && (before == null || t.compareTo(before) > 0));
    assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true"), "no reload");
    assertEquals("active", browser.find("[data-panel=post-activity] tr[data-key=THA-BKK]").getAttribute("data-state"));
  }

  @Test
  void aWallPlaylistRotatesWithItsFiltersOnScreen() {
    open("/wall?playlist=test-wall");
    browser.waitFor(WAIT, "the first slide", () -> browser.js("return document.documentElement.dataset.slide"),
        "fraud-overview"::equals);
    assertTrue(browser.find("#wall-footer").getText().contains("All countries"), browser.find("#wall-footer").getText());
    assertFalse(browser.find("#chrome").isDisplayed(), "no chrome on a wall");
    browser.waitFor(WAIT, "the second slide", () -> browser.js("return document.documentElement.dataset.slide"),
        "regional-trends"::equals);
    browser.waitFor(WAIT, "the slide's filters on screen", () -> browser.find("#wall-footer").getText(),
        t -> t.contains("Region: ASEAN"));
    browser.waitFor(WAIT, "the rotation to come round", () -> browser.js("return document.documentElement.dataset.slide"),
        "fraud-overview"::equals);
  }

  @Test
  void aWallHoldsTheAlertsViewWhileACriticalAlertFiresThenRotatesAgain() {
    String hash = "9f86d081884c7d659a2feaa0c55ad015";
    assertEquals(201, await(node.api.put(ADMIN_TOKEN, "/api/v1/alert-lists/web-test",
        new JsonObject().put("hashes", new JsonArray().add(hash)))).statusCode());
    assertEquals(201, await(node.api.put(ADMIN_TOKEN, "/api/v1/alert-rules/web-test-list", new JsonObject()
        .put("name", "Web test list").put("kind", "alert_list").put("severity", "critical")
        .put("lists", new JsonArray().add("web-test")).put("groupBy", "post"))).statusCode());
    open("/wall?playlist=test-wall");
    browser.waitFor(WAIT, "the first slide", () -> browser.js("return document.documentElement.dataset.slide"),
        "fraud-overview"::equals);

    JsonArray presented = fraudNow(1);
    presented.getJsonObject(0).put("documentHash", hash);
    assertEquals(200, await(node.api.send(ADMIN_TOKEN, presented)).statusCode());
    browser.waitFor(WAIT, "the wall to jump to the alerts", () -> browser.js("return document.documentElement.dataset.slide"),
        "alerts"::equals);
    browser.waitFor(WAIT, "the critical alert on screen",
        () -> browser.findAll("li[data-severity=critical][data-state=firing]").size(), n -> n > 0);
    browser.holds(Duration.ofSeconds(6), "the wall to hold the alerts while it fires (longer than a slide)",
        () -> browser.js("return document.documentElement.dataset.slide"), "alerts"::equals);

    assertEquals(204, await(node.api.delete(ADMIN_TOKEN, "/api/v1/alert-rules/web-test-list")).statusCode());
    browser.waitFor(WAIT, "the rotation to resume once it is resolved",
        () -> browser.js("return document.documentElement.dataset.slide"), slide -> !"alerts".equals(slide));
  }

  @Test
  void aDroppedLinkShowsTheStaleBannerThenRecoversWithFreshData() {
    try (TcpProxy proxy = TcpProxy.start(node.vertx, node.server.port())) {
      String origin = "http://127.0.0.1:" + proxy.port();
      browser.get(origin + "/d/fraud-overview");
      browser.waitFor(WAIT, "the live link", () -> browser.find("#link-state").getAttribute("data-state"), "live"::equals);
      long before = tile("kpi-fraud-cases");

      proxy.cut();
      String banner = browser.waitFor(WAIT, "the stale banner", () -> browser.find("#stale"),
          b -> b.isDisplayed() && b.getText().matches("data \\d+ s old — reconnecting")).getText();
      browser.waitFor(WAIT, "the banner to count the seconds", () -> browser.find("#stale").getText(),
          t -> !t.equals(banner) && t.matches("data [2-9]\\d* s old — reconnecting"));
      assertEquals(200, await(node.api.send(ADMIN_TOKEN, fraudNow(2))).statusCode()); // while the link is down

      proxy.restore();
      browser.waitFor(WAIT, "the link back", () -> browser.find("#link-state").getAttribute("data-state"), "live"::equals);
      assertFalse(browser.find("#stale").isDisplayed(), "the banner is gone");
      browser.waitFor(WAIT, "a fresh snapshot with what arrived meanwhile", () -> tile("kpi-fraud-cases"),
          v -> v == before + 2);
    }
  }

  @Test
  void everyShippedDashboardDrawsInTheLightAndTheWallTheme() {
    JsonArray list = await(node.api.get(ADMIN_TOKEN, "/api/v1/dashboards")).bodyAsJsonObject().getJsonArray("dashboards");
    for (Object d : list) {
      String id = ((JsonObject) d).getString("id");
      for (String theme : List.of("light", "wall")) {
        open("/d/" + id + (theme.equals("wall") ? "?kiosk=1" : "?theme=light"));
        browser.waitFor(WAIT, id + " drawn", () -> browser.js("return [...document.querySelectorAll('.panel')]"
            + ".every(p => p.dataset.updates > 0 || p.dataset.error)"), Boolean.TRUE::equals);
        assertEquals(List.of(), browser.js("return [...document.querySelectorAll('.panel[data-error]')]"
            + ".map(p => p.dataset.panel + ': ' + p.dataset.error)"), id);
        browser.waitFor(WAIT, id + " charts done animating", () -> browser.js("return [...document.querySelectorAll"
            + "('.panel')].every(p => !p.querySelector('.chart') || p.dataset.drawn === p.dataset.updates)"),
            Boolean.TRUE::equals);
        browser.screenshot(id + "-" + theme);
      }
    }
  }

  @Test
  void theOverviewFitsA1280x720ScreenAndAWallFillsA4kScreen() {
    try {
      browser.viewport(1280, 720);
      open("/d/fraud-overview");
      browser.waitFor(WAIT, "the overview drawn", () -> browser.js("return [...document.querySelectorAll('.panel')]"
          + ".every(p => p.dataset.updates > 0)"), Boolean.TRUE::equals);
      assertEquals(Boolean.TRUE, browser.js("return document.scrollingElement.scrollWidth <= window.innerWidth"),
          "no sideways scrolling at 1280×720");
      browser.screenshot("fraud-overview-1280x720");
      browser.viewport(3840, 2160);
      open("/wall?playlist=operations-room");
      browser.waitFor(WAIT, "the wall drawn", () -> browser.js("return [...document.querySelectorAll('.panel')]"
          + ".every(p => p.dataset.updates > 0)"), Boolean.TRUE::equals);
      assertEquals(Boolean.TRUE, browser.js("const b = document.querySelector('#board').getBoundingClientRect();"
          + "return b.width > 3700 && b.bottom <= window.innerHeight"), "the wall fills the 4K screen without scrolling");
      browser.screenshot("wall-3840x2160");
    } finally {
      browser.viewport(1920, 1080);
    }
  }

  @Test
  void everyPanelExportsItsDataAsCsvAndEveryChartAsPng() {
    open("/d/fraud-overview");
    browser.waitFor(WAIT, "the breakdown drawn", () -> browser.js("return window.bp.view.panel('top-fraud-types').data"),
        java.util.Objects::nonNull);
    Object lines = browser.executeAsync("import('/app/export.js').then(m => done("
        + "m.toCsv(window.bp.view.panel('top-fraud-types').data).split('\\r\\n')))");
    JsonObject rest = restAnswer("top-fraud-types", "breakdown");
    List<String> expected = new ArrayList<>(List.of("fraudType,fraud_cases"));
    rest.getJsonArray("rows").forEach(r -> expected.add(((JsonObject) r).getString("key") + ","
        + ((JsonObject) r).getValue("value")));
    expected.add(""); // CRLF after every line
    assertEquals(expected, lines);
    assertEquals(Boolean.TRUE, browser.js("return window.bp.view.panels.filter(p => p.chart)"
        + ".every(p => p.chart.getDataURL({type: 'png'}).startsWith('data:image/png;base64,'))"));
    assertTrue(browser.findAll("[data-panel=fraud-by-country] .tools button").stream()
        .map(b -> b.getText()).toList().containsAll(List.of("CSV", "PNG")));
  }
}
