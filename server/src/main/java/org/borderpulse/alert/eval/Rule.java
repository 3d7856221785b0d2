package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderpulse.alert.RuleReader;
import org.borderpulse.query.Dimension;
import org.borderpulse.query.Interval;
import org.borderpulse.query.Metric;

/** A checked rule (see {@link RuleReader}) in the form the evaluator uses. */
public record Rule(String id, String name, String kind, String severity, JsonObject scopeJson,
    Map<Dimension, Set<String>> scope, String groupBy, Duration forDuration, Duration keepFiringFor,
    Double recovery, List<String> webhooks, List<String> emails, Metric metric, Duration window, String op,
    double value, Metric minimumMetric, double minimumValue, Interval interval, Duration baseline, double pValue,
    double minExpected, boolean perCrossings, Duration after, List<String> lists) {

  /** Alert-list matches stay firing this long unless the rule says otherwise. */
  static final Duration ALERT_LIST_KEEP = Duration.ofHours(1);

  public static Rule of(JsonObject d) {
    JsonObject scopeJson = d.getJsonObject("scope", new JsonObject());
    Map<Dimension, Set<String>> scope = new EnumMap<>(Dimension.class);
    for (String f : scopeJson.fieldNames()) {
      Dimension dim = Dimension.byId(f);
      Object v = scopeJson.getValue(f);
      Set<String> values = new LinkedHashSet<>();
      if (v instanceof JsonArray a) {
        a.forEach(x -> values.add(String.valueOf(x).strip()));
      } else {
        for (String s : String.valueOf(v).split(",")) {
          values.add(s.strip());
        }
      }
      scope.put(dim, values);
    }
    JsonObject notify = d.getJsonObject("notify", new JsonObject());
    JsonObject minimum = d.getJsonObject("minimum");
    JsonObject recovery = d.getJsonObject("recovery");
    String kind = d.getString("kind");
    return new Rule(d.getString("id"), d.getString("name"), kind, d.getString("severity"), scopeJson, scope,
        d.getString("groupBy", "silence".equals(kind) || "alert_list".equals(kind) ? "post" : "none"),
        duration(d, "for", Duration.ZERO),
        duration(d, "keepFiringFor", "alert_list".equals(kind) ? ALERT_LIST_KEEP : Duration.ZERO),
        recovery == null ? null : recovery.getDouble("value"),
        strings(notify.getJsonArray("webhooks")), strings(notify.getJsonArray("email")),
        d.getString("metric") == null ? null : Metric.byId(d.getString("metric")),
        duration(d, "window", null), d.getString("op", ">"),
        d.getValue("value") instanceof Number n ? n.doubleValue() : 0,
        minimum == null ? null : Metric.byId(minimum.getString("metric")),
        minimum == null ? 0 : minimum.getDouble("value"),
        d.getString("interval") == null ? null : Interval.byId(d.getString("interval")),
        duration(d, "baseline", null), d.getDouble("pValue", 0.001), d.getDouble("minExpected", 0.0),
        d.getBoolean("perCrossings", false), duration(d, "after", null), strings(d.getJsonArray("lists")));
  }

  private static Duration duration(JsonObject d, String field, Duration dflt) {
    Duration v = RuleReader.parseDuration(d.getString(field));
    return v == null ? dflt : v;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(x -> out.add(String.valueOf(x)));
    }
    return List.copyOf(out);
  }

  /** Does the rule keep per-minute counts (threshold and anomaly windows)? */
  boolean windowed() {
    return "threshold".equals(kind) || "anomaly".equals(kind);
  }

  static boolean compare(double v, String op, double limit) {
    return switch (op) {
      case ">" -> v > limit;
      case ">=" -> v >= limit;
      case "<" -> v < limit;
      default -> v <= limit;
    };
  }
}
