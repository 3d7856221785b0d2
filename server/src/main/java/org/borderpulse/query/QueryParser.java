package org.borderpulse.query;

import io.vertx.core.json.JsonArray;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.Problems;
import org.borderpulse.ingest.Vocabulary;
import org.borderpulse.rollup.RollupRow;

/**
 * Reads query parameters (REST query strings and, later, live subscriptions use the same names)
 * into a {@link Query}; every mistake is a 400 naming the parameter and what it accepts.
 */
public final class QueryParser {
  private static final int MAX_LIMIT = 10_000;
  /** from, to and a filter per dimension, in a stable order for the error message. */
  private static final List<String> COMMON = java.util.stream.Stream.concat(java.util.stream.Stream.of("from", "to"),
      Dimension.ids().stream()).toList();

  private final Set<String> regions;
  private final JsonArray errors = new JsonArray();

  /** @param regions the known region ids */
  public QueryParser(Set<String> regions) {
    this.regions = regions;
  }

  public Query parse(Query.Kind kind, Function<String, String> params, Iterable<String> names, Set<String> scope) {
    Set<String> allowed = new LinkedHashSet<>(COMMON);
    allowed.addAll(switch (kind) {
      case SERIES -> List.of("metric", "interval", "groupBy");
      case SUMMARY -> List.of("period");
      case BREAKDOWN -> List.of("metric", "by", "limit");
    });
    for (String n : names) {
      if (!allowed.contains(n)) {
        fail(n, "unknown parameter; this endpoint takes " + String.join(", ", allowed));
      }
    }
    Metric metric = kind == Query.Kind.SUMMARY ? null : metric(params.apply("metric"));
    Interval interval = kind == Query.Kind.SERIES ? interval(params.apply("interval")) : null;
    Dimension groupBy = kind == Query.Kind.SERIES ? dimension("groupBy", params.apply("groupBy"), false)
        : kind == Query.Kind.BREAKDOWN ? dimension("by", params.apply("by"), true) : null;
    Integer limit = kind == Query.Kind.BREAKDOWN ? limit(params.apply("limit")) : null;
    LocalDate from = date("from", params.apply("from"));
    LocalDate to = date("to", params.apply("to"));
    if (from != null && to != null && to.isBefore(from)) {
      fail("to", "must not be before from");
    }
    Interval.Period period = kind == Query.Kind.SUMMARY ? period(params.apply("period"), from, to) : null;
    Map<Dimension, Set<String>> filters = filters(params);
    if (!errors.isEmpty()) {
      throw new ApiException(400, "Invalid query", errors.size() == 1
          ? errors.getJsonObject(0).getString("field") + ": " + errors.getJsonObject(0).getString("message")
          : "the query has " + errors.size() + " problems", errors);
    }
    return new Query(kind, metric, interval, groupBy, limit, period, from, to, filters, scope);
  }

  private Metric metric(String v) {
    Metric m = v == null ? null : Metric.byId(v);
    if (m == null) {
      fail("metric", (v == null ? "is required" : "'" + v + "' is not a metric") + "; one of "
          + String.join(", ", Metric.ids()));
    }
    return m;
  }

  private Interval interval(String v) {
    Interval i = v == null ? null : Interval.byId(v);
    if (i == null) {
      fail("interval", (v == null ? "is required" : "'" + v + "' is not an interval") + "; one of "
          + String.join(", ", Interval.ids()));
    }
    return i;
  }

  private Dimension dimension(String param, String v, boolean required) {
    if (v == null) {
      if (required) {
        fail(param, "is required; one of " + String.join(", ", Dimension.ids()));
      }
      return null;
    }
    Dimension d = Dimension.byId(v);
    if (d == null) {
      fail(param, "'" + v + "' is not a dimension; one of " + String.join(", ", Dimension.ids()));
    }
    return d;
  }

  private Integer limit(String v) {
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    return null;
  }

  private LocalDate date(String param, String v) {
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      fail(param, "must be a date YYYY-MM-DD (a post-local day), got '" + v + "'");
      return null;
    }
  }

  private Interval.Period period(String v, LocalDate from, LocalDate to) {
    if (v != null) {
      if (from != null || to != null) {
        fail("period", "give either period or from/to, not both");
        return null;
      }
      Interval.Period p = Interval.parse(v);
      if (p == null) {
        fail("period", "'" + v + "' is not a period label; use 2022, 2022-Q1, 2022-03, 2022-W09 or 2022-03-01");
      }
      return p;
    }
    if (from != null && to != null) {
      return new Interval.Period(null, from, to);
    }
    if (from != null || to != null) {
      fail(from == null ? "from" : "to", "a summary over a range needs both from and to");
      return null;
    }
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    return new Interval.Period(Interval.QUARTER, Interval.QUARTER.start(today),
        Interval.QUARTER.next(Interval.QUARTER.start(today)).minusDays(1));
  }

  private Map<Dimension, Set<String>> filters(Function<String, String> params) {
    Map<Dimension, Set<String>> out = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      String raw = params.apply(d.id());
      if (raw == null) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      for (String v : raw.split(",")) {
        String s = v.strip();
        if (!s.isEmpty()) {
          check(d, s);
          values.add(s);
        }
      }
      if (values.isEmpty()) {
        fail(d.id(), "give at least one value (comma-separated for several)");
      }
      out.put(d, values);
    }
    return out;
  }

  private void check(Dimension d, String v) {
    List<String> vocabulary = switch (d) {
      case OUTCOME -> Vocabulary.OUTCOMES;
      case DOCUMENT_TYPE -> Vocabulary.DOCUMENT_TYPES;
      case FRAUD_TYPE -> Vocabulary.FRAUD_TYPES;
      case REASON -> Vocabulary.REASONS;
      case DIRECTION -> Vocabulary.DIRECTIONS;
      case HOUR -> RollupRow.HOURS;
      case REGION -> regions.stream().sorted().toList();
      default -> null;
    };
    if (vocabulary != null && !vocabulary.contains(v)) {
      fail(d.id(), "'" + v + "' is not allowed; one of " + String.join(", ", vocabulary));
    } else if ((d == Dimension.COUNTRY || d == Dimension.NATIONALITY || d == Dimension.ISSUING_COUNTRY)
        && !v.matches("[A-Z]{3}")) {
      fail(d.id(), "'" + v + "' is not an ISO 3166-1 alpha-3 code such as THA");
    }
  }

  private void fail(String field, String message) {
    errors.add(Problems.error(null, field, message));
  }
}
