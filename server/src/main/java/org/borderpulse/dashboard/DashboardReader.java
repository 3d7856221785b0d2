package org.borderpulse.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.borderpulse.http.ApiException;
import org.borderpulse.query.Query;
import org.borderpulse.query.QueryParser;

/**
 * Checks a dashboard definition: its id, title, variables and panels, and each panel's query
 * with the same parser the query API uses (variables such as {@code "$interval"} stand in for
 * the values the viewer picks). Every problem is collected with where it is.
 */
public final class DashboardReader {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final List<String> PANEL_TYPES = List.of("kpi", "bar", "line", "donut", "table", "map", "alerts",
      "activity");
  /** Panel types that draw from their own API rather than a query. */
  static final List<String> QUERYLESS = List.of("alerts", "activity");
  static final List<String> VARIABLE_TYPES = List.of("country", "region", "post", "workstation", "period",
      "interval");
  private static final int GRID_COLUMNS = 24;

  private final Set<String> regions;
  private final List<String> problems = new java.util.ArrayList<>();

  public DashboardReader(Set<String> regions) {
    this.regions = regions;
  }

  public List<String> problems() { return problems; }

  /** The dashboard, or null when the definition has problems. */
  public Dashboard read(JsonObject def, String file) {
    String id = def.getValue("id") instanceof String s && ID.matcher(s).matches() ? s : null;
    if (id == null) {
      problems.add("id: must be 1-64 characters of a-z, 0-9 and -");
    }
    String title = def.getValue("title") instanceof String s && !s.isBlank() ? s : null;
    if (title == null) {
      problems.add("title: must be a non-empty text");
    }
    variables(def.getValue("variables"));
    panels(def.getValue("panels"));
    return problems.isEmpty() ? new Dashboard(id, title, def, file) : null;
  }

  private void variables(Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonArray vars)) {
      problems.add("variables: must be a list");
      return;
    }
    for (int i = 0; i < vars.size(); i++) {
      if (!(vars.getValue(i) instanceof JsonObject v) || !VARIABLE_TYPES.contains(v.getString("name"))) {
        problems.add("variables[" + i + "]: needs a name, one of " + String.join(", ", VARIABLE_TYPES));
      }
    }
  }

  private void panels(Object value) {
    if (!(value instanceof JsonArray panels) || panels.isEmpty()) {
      problems.add("panels: must be a non-empty list");
      return;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < panels.size(); i++) {
      String at = "panels[" + i + "]";
      if (!(panels.getValue(i) instanceof JsonObject p)) {
        problems.add(at + ": must be an object");
        continue;
      }
      if (!(p.getValue("id") instanceof String pid) || !ID.matcher(pid).matches() || !ids.add(pid)) {
        problems.add(at + ".id: must be a unique id (a-z, 0-9, -)");
      }
      String type = p.getString("type");
      if (!PANEL_TYPES.contains(type)) {
        problems.add(at + ".type: must be one of " + String.join(", ", PANEL_TYPES));
        continue;
      }
      if (!(p.getValue("title") instanceof String t) || t.isBlank()) {
        problems.add(at + ".title: must be a non-empty text");
      }
      grid(at, p.getValue("grid"));
      if (!QUERYLESS.contains(type)) {
        query(at, type, p);
      }
    }
  }

  private void grid(String at, Object value) {
    if (!(value instanceof JsonObject g)) {
      problems.add(at + ".grid: must be {x, y, w, h} on a " + GRID_COLUMNS + "-column grid");
      return;
    }
    int x = g.getInteger("x", -1);
    int y = g.getInteger("y", -1);
    int w = g.getInteger("w", 0);
    int h = g.getInteger("h", 0);
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > GRID_COLUMNS) {
      problems.add(at + ".grid: x, y >= 0, w and h >= 1, x + w <= " + GRID_COLUMNS);
    }
  }

  private void query(String at, String type, JsonObject panel) {
    if (!(panel.getValue("query") instanceof JsonObject q)) {
      problems.add(at + ".query: must be an object {kind, …parameters of that REST endpoint}");
      return;
    }
    Query.Kind kind = switch (String.valueOf(q.getValue("kind"))) {
      case "series" -> Query.Kind.SERIES;
      case "summary" -> Query.Kind.SUMMARY;
      case "breakdown" -> Query.Kind.BREAKDOWN;
      default -> null;
    };
    if (kind == null) {
      problems.add(at + ".query.kind: must be series, summary or breakdown");
      return;
    }
    if ("kpi".equals(type) && (kind != Query.Kind.SUMMARY
        || org.borderpulse.query.Metric.byId(panel.getString("metric", "")) == null)) {
      problems.add(at + ": a kpi panel shows one metric of a summary: query.kind summary and a metric");
    }
    Set<String> names = new HashSet<>(q.fieldNames());
    names.remove("kind");
    try {
      new QueryParser(regions).parse(kind, n -> names.contains(n) ? example(param(q.getValue(n))) : null, names, null);
    } catch (ApiException e) {
      JsonArray errors = e.errors();
      if (errors == null) {
        problems.add(at + ".query: " + e.getMessage());
      } else {
        errors.forEach(err -> problems.add(at + ".query." + ((JsonObject) err).getString("field") + ": "
            + ((JsonObject) err).getString("message")));
      }
    }
  }

  /** A variable reference stands for whatever the viewer picks: check the query with a typical value. */
  private String example(String value) {
    if (!value.startsWith("$")) {
      return value;
    }
    return switch (value.substring(1)) {
      case "interval" -> "quarter";
      case "period" -> "2025-Q1";
      case "country" -> "THA";
      case "region" -> regions.stream().sorted().findFirst().orElse("asean");
      default -> value.substring(1);
    };
  }

  private static String param(Object v) {
    return v instanceof JsonArray a ? String.join(",", a.stream().map(String::valueOf).toList()) : String.valueOf(v);
  }
}
