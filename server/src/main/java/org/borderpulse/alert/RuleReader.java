package org.borderpulse.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.query.Dimension;
import org.borderpulse.query.Interval;
import org.borderpulse.query.Metric;
import org.borderpulse.query.Query;
import org.borderpulse.query.QueryParser;

/**
 * Checks an alert rule (docs/alerting.md): the common fields, the fields of its kind, and its
 * scope with the query API's own parser. Every problem is named with its field.
 */
public final class RuleReader {
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final List<String> KINDS = List.of("threshold", "change", "anomaly", "silence", "alert_list");
  public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
  public static final List<String> OPS = List.of(">", ">=", "<", "<=");
  public static final List<String> GROUP_BY = List.of("none", "post", "country", "region", "workstation");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");
  private static final Set<String> COMMON = Set.of("name", "kind", "severity", "scope", "groupBy", "for",
      "keepFiringFor", "recovery", "notify", "description");
  private static final Map<String, Set<String>> KIND_FIELDS = Map.of(
      "threshold", Set.of("metric", "window", "op", "value", "minimum"),
      "change", Set.of("metric", "interval", "op", "value", "minimum"),
      "anomaly", Set.of("metric", "window", "baseline", "pValue", "minExpected", "perCrossings"),
      "silence", Set.of("after"),
      "alert_list", Set.of("lists"));

  private final Set<String> regions;
  private final JsonArray errors = new JsonArray();

  public RuleReader(Set<String> regions) {
    this.regions = regions;
  }

  public JsonArray errors() { return errors; }

  /** The normalised rule, or null when it has problems (see {@link #errors()}). */
  public JsonObject read(String id, JsonObject def) {
    if (id == null || !ID.matcher(id).matches()) {
      fail("id", "rule id must be 1-64 characters of a-z 0-9 . _ -");
    }
    text(def, "name", true);
    String kind = oneOf(def, "kind", KINDS, true);
    oneOf(def, "severity", SEVERITIES, true);
    oneOf(def, "groupBy", GROUP_BY, false);
    duration(def, "for", false);
    duration(def, "keepFiringFor", false);
    scope(def.getValue("scope"));
    notify(def.getValue("notify"));
    if (kind != null) {
      for (String f : def.fieldNames()) {
        if (!COMMON.contains(f) && !KIND_FIELDS.get(kind).contains(f) && !f.equals("id")) {
          fail(f, "unknown field for a " + kind + " rule; it takes " + String.join(", ", KIND_FIELDS.get(kind)));
        }
      }
      switch (kind) {
        case "threshold" -> {
          metric(def, "metric");
          duration(def, "window", true);
          comparison(def);
          minimum(def.getValue("minimum"));
        }
        case "change" -> {
          metric(def, "metric");
          if (!(def.getValue("interval") instanceof String i) || Interval.byId(i) == null) {
            fail("interval", "the period compared with the one before: one of " + String.join(", ", Interval.ids()));
          }
          comparison(def);
          minimum(def.getValue("minimum"));
        }
        case "anomaly" -> {
          metric(def, "metric");
          if (def.getValue("metric") instanceof String m && Metric.byId(m) != null && Metric.byId(m).isRatio()) {
            fail("metric", "an anomaly is judged on a count, not a ratio; use perCrossings to normalise by traffic");
          }
          duration(def, "window", true);
          duration(def, "baseline", true);
          number(def, "pValue", 0.0000001, 0.5, true);
          number(def, "minExpected", 0, 1_000_000, false);
          if (def.getValue("perCrossings") != null && !(def.getValue("perCrossings") instanceof Boolean)) {
            fail("perCrossings", "true or false");
          }
        }
        case "silence" -> duration(def, "after", true);
        default -> {
          if (!(def.getValue("lists") instanceof JsonArray l) || l.isEmpty()
              || !l.stream().allMatch(x -> x instanceof String s && ID.matcher(s).matches())) {
            fail("lists", "the alert lists to match: a non-empty list of list ids");
          }
        }
      }
    }
    return errors.isEmpty() ? def.copy().put("id", id) : null;
  }

  /** {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}. */
  public static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s == null ? "" : s);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private void comparison(JsonObject def) {
    oneOf(def, "op", OPS, true);
    number(def, "value", -1e12, 1e12, true);
    if (def.getValue("recovery") instanceof JsonObject r) {
      if (!(r.getValue("value") instanceof Number)) {
        fail("recovery.value", "the value the metric must cross back over before the alert resolves");
      }
    } else if (def.getValue("recovery") != null) {
      fail("recovery", "must be an object {\"value\": …}");
    }
  }

  private void minimum(Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject m) || Metric.byId(m.getString("metric", "")) == null
        || !(m.getValue("value") instanceof Number)) {
      fail("minimum", "{\"metric\": a metric, \"value\": a number}: the rule is judged only when that metric reaches it");
    }
  }

  private void scope(Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject s)) {
      fail("scope", "must be an object of query filters, e.g. {\"country\": [\"THA\"]}");
      return;
    }
    Set<String> names = new HashSet<>(s.fieldNames());
    for (String n : names) {
      if (Dimension.byId(n) == null) {
        fail("scope." + n, "not a filter; filters are " + String.join(", ", Dimension.ids()));
      }
    }
    names.retainAll(Dimension.ids());
    try {
      new QueryParser(regions).parse(Query.Kind.SUMMARY, n -> names.contains(n) ? join(s.getValue(n)) : null, names,
          null);
    } catch (ApiException e) {
      if (e.errors() != null) {
        e.errors().forEach(err -> fail("scope." + ((JsonObject) err).getString("field"),
            ((JsonObject) err).getString("message")));
      }
    }
  }

  private void notify(Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject n)) {
      fail("notify", "must be an object {\"webhooks\": [urls], \"email\": [addresses]}");
      return;
    }
    if (n.getValue("webhooks") instanceof JsonArray hooks) {
      for (int i = 0; i < hooks.size(); i++) {
        if (!(hooks.getValue(i) instanceof String url) || !isHttpUrl(url)) {
          fail("notify.webhooks[" + i + "]", "must be an http(s) URL");
        }
      }
    } else if (n.getValue("webhooks") != null) {
      fail("notify.webhooks", "must be a list of http(s) URLs");
    }
    if (n.getValue("email") instanceof JsonArray mails) {
      for (int i = 0; i < mails.size(); i++) {
        if (!(mails.getValue(i) instanceof String a) || !a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
          fail("notify.email[" + i + "]", "must be an e-mail address");
        }
      }
    } else if (n.getValue("email") != null) {
      fail("notify.email", "must be a list of e-mail addresses");
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI u = URI.create(url);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String join(Object v) {
    return v instanceof JsonArray a ? String.join(",", a.stream().map(String::valueOf).toList()) : String.valueOf(v);
  }

  private void metric(JsonObject def, String field) {
    if (!(def.getValue(field) instanceof String m) || Metric.byId(m) == null) {
      fail(field, "one of " + String.join(", ", Metric.ids()));
    }
  }

  private void duration(JsonObject def, String field, boolean required) {
    Object v = def.getValue(field);
    if (v == null) {
      if (required) {
        fail(field, "is required: a duration such as 30s, 15m, 24h or 7d");
      }
      return;
    }
    if (!(v instanceof String s) || parseDuration(s) == null) {
      fail(field, "a duration such as 30s, 15m, 24h or 7d");
    }
  }

  private void number(JsonObject def, String field, double min, double max, boolean required) {
    Object v = def.getValue(field);
    if (v == null) {
      if (required) {
        fail(field, "is required: a number");
      }
      return;
    }
    if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      fail(field, "a number from " + min + " to " + max);
    }
  }

  private String oneOf(JsonObject def, String field, List<String> allowed, boolean required) {
    Object v = def.getValue(field);
    if (v == null) {
      if (required) {
        fail(field, "is required: one of " + String.join(", ", allowed));
      }
      return null;
    }
    if (!(v instanceof String s) || !allowed.contains(s)) {
      fail(field, "one of " + String.join(", ", allowed));
      return null;
    }
    return s;
  }

  private void text(JsonObject def, String field, boolean required) {
    Object v = def.getValue(field);
    if ((v == null && required) || (v != null && (!(v instanceof String s) || s.isBlank() || s.length() > 200))) {
      fail(field, "a non-empty text of at most 200 characters");
    }
  }

  private void fail(String field, String message) {
    errors.add(Problems.error(null, field, message));
  }
}
