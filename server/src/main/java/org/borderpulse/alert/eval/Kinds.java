package org.borderpulse.alert.eval;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.query.CubeVerticle;
import org.borderpulse.query.Dimension;
import org.borderpulse.query.Interval;
import org.borderpulse.query.LocalCodec;
import org.borderpulse.query.Metric;
import org.borderpulse.query.Query;
import org.borderpulse.query.QueryParser;

/**
 * What each kind of rule observes, per group: the value, the threshold or baseline, whether the
 * condition holds, and the explanation and link people see. Sliding windows come from the
 * evaluator's per-minute counts; calendar periods and baselines from the cube (the same
 * {@code QueryEngine} the query API uses, asked over the event bus).
 */
final class Kinds {
  /** A group of a rule: its key, its labels ({@code {"post":"THA-BKK"}}) and its country (for scopes). */
  record Group(String key, JsonObject labels, String country) {}

  private final Vertx vertx;
  private final PostCatalog catalog;
  private final Map<String, Set<String>> regions;

  Kinds(Vertx vertx, PostCatalog catalog, Map<String, Set<String>> regions) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.regions = regions;
    LocalCodec.register(vertx);
  }

  // ---------------------------------------------------------------- scope and groups

  boolean postInScope(Rule r, String post) {
    String country = catalog.get(post).map(Post::country).orElse(null);
    Set<String> c = r.scope().get(Dimension.COUNTRY);
    if (c != null && !c.contains(country)) {
      return false;
    }
    Set<String> p = r.scope().get(Dimension.POST);
    if (p != null && !p.contains(post)) {
      return false;
    }
    Set<String> reg = r.scope().get(Dimension.REGION);
    if (reg != null && reg.stream().noneMatch(id -> regions.getOrDefault(id, Set.of()).contains(country))) {
      return false;
    }
    return true;
  }

  /** The post filters, and each dimension filter on the event types that carry it (as queries do). */
  boolean inScope(Rule r, FeedEvent e) {
    if (!postInScope(r, e.post())) {
      return false;
    }
    for (Map.Entry<Dimension, Set<String>> f : r.scope().entrySet()) {
      Dimension d = f.getKey();
      if (d.dim() != null && d.dim().carriedBy(e.type()) && !f.getValue().contains(e.value(d))) {
        return false;
      }
    }
    return true;
  }

  List<Group> groupsOf(Rule r, FeedEvent e) {
    String country = catalog.get(e.post()).map(Post::country).orElse(null);
    return switch (r.groupBy()) {
      case "post" -> List.of(postGroup(e.post(), country));
      case "country" -> country == null ? List.of() : List.of(countryGroup(country));
      case "workstation" -> e.workstation() == null ? List.of() : List.of(new Group("workstation=" + e.workstation(),
          new JsonObject().put("post", e.post()).put("workstation", e.workstation()), country));
      case "region" -> {
        List<Group> out = new ArrayList<>();
        regions.entrySet().stream().filter(x -> x.getValue().contains(country)).map(Map.Entry::getKey).sorted()
            .forEach(id -> out.add(regionGroup(id)));
        yield out;
      }
      default -> List.of(new Group("", new JsonObject(), null));
    };
  }

  private static Group postGroup(String post, String country) {
    return new Group("post=" + post, new JsonObject().put("post", post), country);
  }

  private static Group countryGroup(String country) {
    return new Group("country=" + country, new JsonObject().put("country", country), country);
  }

  private static Group regionGroup(String region) {
    return new Group("region=" + region, new JsonObject().put("region", region), null);
  }

  /** Every group the rule can have from the catalog (posts, countries, regions in scope), plus known ones. */
  private Map<String, Group> candidates(Rule r, Windows w, Map<String, Instance> mine) {
    Map<String, Group> out = new LinkedHashMap<>();
    for (Post p : catalog.all()) {
      if (!postInScope(r, p.id())) {
        continue;
      }
      switch (r.groupBy()) {
        case "post" -> out.putIfAbsent("post=" + p.id(), postGroup(p.id(), p.country()));
        case "country" -> out.putIfAbsent("country=" + p.country(), countryGroup(p.country()));
        case "region" -> regions.forEach((id, cs) -> {
          if (cs.contains(p.country())) {
            out.putIfAbsent("region=" + id, regionGroup(id));
          }
        });
        case "workstation" -> p.workstations().forEach(ws -> out.putIfAbsent("workstation=" + ws.id(),
            new Group("workstation=" + ws.id(), new JsonObject().put("post", p.id()).put("workstation", ws.id()),
                p.country())));
        default -> out.putIfAbsent("", new Group("", new JsonObject(), null));
      }
    }
    if (w != null) {
      for (String key : w.groups()) {
        out.computeIfAbsent(key, k -> groupOfKey(k));
      }
    }
    for (Instance i : mine.values()) {
      out.putIfAbsent(i.groupKey, new Group(i.groupKey, i.labels, i.country));
    }
    return out;
  }

  private Group groupOfKey(String key) {
    if (key.startsWith("post=")) {
      String post = key.substring(5);
      return postGroup(post, catalog.get(post).map(Post::country).orElse(null));
    }
    if (key.startsWith("country=")) {
      return countryGroup(key.substring(8));
    }
    if (key.startsWith("region=")) {
      return regionGroup(key.substring(7));
    }
    if (key.startsWith("workstation=")) {
      String ws = key.substring(12);
      for (Post p : catalog.all()) {
        if (p.hasWorkstation(ws)) {
          return new Group(key, new JsonObject().put("post", p.id()).put("workstation", ws), p.country());
        }
      }
      return new Group(key, new JsonObject().put("workstation", ws), null);
    }
    return new Group("", new JsonObject(), null);
  }

  private static String where(Group g) {
    if (g.labels().isEmpty()) {
      return "in scope";
    }
    List<String> parts = new ArrayList<>();
    g.labels().forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
    return "at " + String.join(", ", parts);
  }

  // ---------------------------------------------------------------- threshold

  List<Observation> threshold(Rule r, Windows w, Map<String, Instance> mine, Instant now) {
    List<Observation> out = new ArrayList<>();
    long nowMinute = now.getEpochSecond() / 60;
    long from = nowMinute - r.window().toMinutes() + 1;
    String windowLabel = label(r.window());
    for (Group g : candidates(r, w, mine).values()) {
      long[] sums = w == null ? new long[Metric.SUMS] : w.sum(g.key(), from, nowMinute);
      Number v = r.metric().value(sums, 0);
      Instance cur = mine.get(g.key());
      boolean firing = cur != null && "firing".equals(cur.state);
      double limit = firing && r.recovery() != null ? r.recovery() : r.value();
      String minimumNote = "";
      boolean judged = v != null;
      if (r.minimumMetric() != null) {
        Number m = r.minimumMetric().value(sums, 0);
        judged &= m != null && m.doubleValue() >= r.minimumValue();
        minimumNote = "; judged with at least " + fmt(r.minimumValue()) + " " + r.minimumMetric().id() + " (had "
            + (m == null ? 0 : fmt(m.doubleValue())) + ")";
      }
      // not enough data to judge: a firing alert keeps firing, anything else stays quiet
      boolean active = judged ? Rule.compare(v.doubleValue(), r.op(), limit) : firing;
      if (!active && cur == null) {
        continue;
      }
      String explanation = r.metric().id() + " " + (v == null ? "n/a" : fmt(v.doubleValue())) + " over the last "
          + windowLabel + " " + where(g) + " (threshold " + r.op() + " " + fmt(r.value())
          + (r.recovery() != null ? ", resolves at " + fmt(r.recovery()) : "") + ")" + minimumNote;
      out.add(new Observation(g.key(), g.labels(), g.country(), active, v == null ? null : v.doubleValue(),
          r.value(), explanation, windowLink(r, g, now)));
    }
    return out;
  }

  private static String windowLink(Rule r, Group g, Instant now) {
    LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate from = LocalDate.ofInstant(now.minus(r.window() == null ? java.time.Duration.ZERO : r.window()),
        ZoneOffset.UTC);
    String dashboard = Links.dashboardFor(r.metric());
    return from.equals(to) ? Links.link(dashboard, r, g.labels(), to.toString(), null, null)
        : Links.link(dashboard, r, g.labels(), null, from, to);
  }

  // ---------------------------------------------------------------- anomaly

  Future<List<Observation>> anomaly(Rule r, Windows w, Map<String, Instance> mine, Instant now) {
    if (r.metric().isRatio()) {
      return Future.succeededFuture(List.of());
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    long baselineDays = Math.max(1, r.baseline().toDays());
    LocalDate from = today.minusDays(baselineDays);
    LocalDate to = today.minusDays(1);
    Future<Map<String, Double>> counts = perGroup(r, r.metric(), from, to);
    Future<Map<String, Double>> crossings = r.perCrossings() ? perGroup(r, Metric.CROSSINGS, from, to)
        : Future.succeededFuture(Map.of());
    return Future.all(counts, crossings).map(x -> {
      List<Observation> out = new ArrayList<>();
      long nowMinute = now.getEpochSecond() / 60;
      long windowMin = r.window().toMinutes();
      for (Group g : candidates(r, w, mine).values()) {
        long[] sums = w == null ? new long[Metric.SUMS] : w.sum(g.key(), nowMinute - windowMin + 1, nowMinute);
        long observed = r.metric().value(sums, 0).longValue();
        double base = counts.result().getOrDefault(g.key(), 0.0);
        double expected;
        String basis;
        if (r.perCrossings()) {
          double baseCrossings = crossings.result().getOrDefault(g.key(), 0.0);
          long windowCrossings = Metric.CROSSINGS.value(sums, 0).longValue();
          expected = baseCrossings <= 0 ? 0 : base / baseCrossings * windowCrossings;
          basis = fmt(base * 10_000 / Math.max(1, baseCrossings)) + " per 10k crossings over its " + label(r.baseline())
              + " baseline, " + windowCrossings + " crossings in the window";
        } else {
          expected = base * windowMin / (baselineDays * 1440.0);
          basis = "its " + label(r.baseline()) + " baseline";
        }
        double p = Poisson.upperTail(observed, expected);
        Instance cur = mine.get(g.key());
        boolean firing = cur != null && "firing".equals(cur.state);
        double limit = firing ? Math.min(0.5, r.pValue() * 10) : r.pValue();
        boolean active = expected >= r.minExpected() && observed > expected && p < limit;
        if (!active && cur == null) {
          continue;
        }
        String explanation = observed + " " + r.metric().id() + " in the last " + label(r.window()) + " " + where(g)
            + "; expected " + fmt(expected) + " from " + basis + " (p = " + String.format(Locale.ROOT, "%.2g", p)
            + (active ? " < " : " ≥ ") + fmt(r.pValue()) + (expected < r.minExpected()
                ? "; below the minimum expected " + fmt(r.minExpected()) + ", not judged" : "") + ")";
        out.add(new Observation(g.key(), g.labels(), g.country(), active, (double) observed,
            Math.round(expected * 100) / 100.0, explanation, windowLink(r, g, now)));
      }
      return out;
    });
  }

  /** A metric summed per group of the rule over [from, to], from the cube. */
  private Future<Map<String, Double>> perGroup(Rule r, Metric metric, LocalDate from, LocalDate to) {
    Map<String, String> params = scopeParams(r);
    params.put("metric", metric.id());
    params.put("from", from.toString());
    params.put("to", to.toString());
    String prefix = r.groupBy().equals("none") ? "" : r.groupBy() + "=";
    if (r.groupBy().equals("none")) {
      params.remove("metric");
      return ask(Query.Kind.SUMMARY, params).map(o -> {
        Number v = (Number) o.getJsonObject("metrics").getJsonObject(metric.id()).getValue("value");
        return Map.of("", v == null ? 0.0 : v.doubleValue());
      });
    }
    params.put("by", r.groupBy());
    return ask(Query.Kind.BREAKDOWN, params).map(o -> {
      Map<String, Double> out = new HashMap<>();
      for (Object row : o.getJsonArray("rows")) {
        JsonObject x = (JsonObject) row;
        Number v = (Number) x.getValue("value");
        out.put(prefix + x.getString("key"), v == null ? 0.0 : v.doubleValue());
      }
      return out;
    });
  }

  // ---------------------------------------------------------------- change

  Future<List<Observation>> change(Rule r, Map<String, Instance> mine, Instant now) {
    Interval interval = r.interval();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate start = interval.start(today);
    Interval.Period current = new Interval.Period(interval, start, interval.next(start).minusDays(1));
    Interval.Period previous = current.previous();
    Future<Map<String, double[]>> values = twoPeriods(r, r.metric(), previous, current);
    Future<Map<String, double[]>> minimum = r.minimumMetric() == null || r.minimumMetric() == r.metric() ? values
        : twoPeriods(r, r.minimumMetric(), previous, current);
    return Future.all(values, minimum).map(x -> {
      List<Observation> out = new ArrayList<>();
      Map<String, Group> groups = candidates(r, null, mine);
      for (String key : values.result().keySet()) {
        groups.computeIfAbsent(key, this::groupOfKey);
      }
      for (Group g : groups.values()) {
        double[] v = values.result().get(g.key());
        Double change = v == null || Double.isNaN(v[0]) || Double.isNaN(v[1]) || v[0] == 0 ? null
            : (v[1] - v[0]) / v[0];
        Instance cur = mine.get(g.key());
        boolean firing = cur != null && "firing".equals(cur.state);
        double limit = firing && r.recovery() != null ? r.recovery() : r.value();
        boolean judged = change != null;
        String minimumNote = "";
        if (r.minimumMetric() != null) {
          double[] m = minimum.result().get(g.key());
          double now2 = m == null || Double.isNaN(m[1]) ? 0 : m[1];
          judged &= now2 >= r.minimumValue();
          minimumNote = "; judged with at least " + fmt(r.minimumValue()) + " " + r.minimumMetric().id()
              + " this " + interval.id() + " (had " + fmt(now2) + ")";
        }
        boolean active = judged ? Rule.compare(change, r.op(), limit) : firing;
        if (!active && cur == null) {
          continue;
        }
        String explanation = r.metric().id() + " " + current.label() + " " + (v == null ? "n/a" : fmt(v[1]))
            + " against " + previous.label() + " " + (v == null ? "n/a" : fmt(v[0])) + " " + where(g) + ": "
            + (change == null ? "no change computable" : (change >= 0 ? "+" : "") + fmt(change * 100) + "%")
            + " (threshold " + r.op() + " " + (r.value() >= 0 ? "+" : "") + fmt(r.value() * 100) + "%)" + minimumNote;
        out.add(new Observation(g.key(), g.labels(), g.country(), active, change == null ? null
            : Math.round(change * 10_000) / 10_000.0, r.value(), explanation,
            Links.link(Links.dashboardFor(r.metric()), r, g.labels(), current.label(), null, null)
                + "&interval=" + interval.id()));
      }
      return out;
    });
  }

  /** Per group: {previous, current} values of a metric (NaN when null). */
  private Future<Map<String, double[]>> twoPeriods(Rule r, Metric metric, Interval.Period previous,
      Interval.Period current) {
    Map<String, String> params = scopeParams(r);
    params.put("metric", metric.id());
    params.put("interval", current.interval().id());
    params.put("from", previous.start().toString());
    params.put("to", current.end().toString());
    boolean none = r.groupBy().equals("none");
    if (!none) {
      params.put("groupBy", r.groupBy());
    }
    return ask(Query.Kind.SERIES, params).map(o -> {
      Map<String, double[]> out = new HashMap<>();
      for (Object s : o.getJsonArray("series")) {
        JsonObject series = (JsonObject) s;
        double[] v = {Double.NaN, Double.NaN};
        JsonArray points = series.getJsonArray("points");
        for (Object p : points) {
          JsonObject point = (JsonObject) p;
          Number n = (Number) point.getValue("value");
          if (point.getString("period").equals(previous.label())) {
            v[0] = n == null ? Double.NaN : n.doubleValue();
          } else if (point.getString("period").equals(current.label())) {
            v[1] = n == null ? Double.NaN : n.doubleValue();
          }
        }
        out.put(none ? "" : r.groupBy() + "=" + series.getString("key"), v);
      }
      return out;
    });
  }

  private static Map<String, String> scopeParams(Rule r) {
    Map<String, String> params = new LinkedHashMap<>();
    r.scope().forEach((d, v) -> params.put(d.id(), String.join(",", v)));
    return params;
  }

  private Future<JsonObject> ask(Query.Kind kind, Map<String, String> params) {
    Query q = new QueryParser(regions.keySet()).parse(kind, params::get, params.keySet(), null);
    return vertx.eventBus().<JsonObject>request(CubeVerticle.QUERY, q,
        new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(10_000)).map(m -> m.body());
  }

  // ---------------------------------------------------------------- silence

  List<Observation> silence(Rule r, Map<String, Long> lastHeard, long startedAt, Instant now) {
    List<Observation> out = new ArrayList<>();
    long after = r.after().toMinutes();
    for (Post p : catalog.all()) {
      if (!postInScope(r, p.id())) {
        continue;
      }
      Group g = postGroup(p.id(), p.country());
      long heard = lastHeard.getOrDefault(p.id(), startedAt);
      OperatingHours hours = new OperatingHours(p.operatingHours(), p.timeZone());
      long silent = hours.openMinutes(Instant.ofEpochMilli(heard), now, Math.max(after, 1440));
      boolean active = silent >= after;
      String explanation = (lastHeard.containsKey(p.id()) ? "no records from " + p.id() + " for " + silent
          + " min of its opening hours" : "no records from " + p.id() + " since this node started, " + silent
          + " min of its opening hours") + " (" + (p.operatingHours() == null ? "always open" : p.operatingHours())
          + " " + p.timeZone().getId() + "); silent after " + label(r.after());
      out.add(new Observation(g.key(), g.labels(), g.country(), active, (double) silent, (double) after,
          explanation, Links.link("post-operations", r, g.labels(),
              LocalDate.ofInstant(now, p.timeZone()).toString(), null, null)));
    }
    return out;
  }

  // ---------------------------------------------------------------- text

  static String label(java.time.Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0 && s >= 2 * 86_400) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }
}
