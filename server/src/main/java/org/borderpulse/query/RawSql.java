package org.borderpulse.query;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same base sums as the query API, computed independently by SQL GROUP BY over the raw
 * events table — what a dashboard tool polling PostgreSQL would run. The tests check the cube
 * against it and the benchmark measures it as the baseline; it never serves a request.
 */
public final class RawSql {
  private static final Map<String, String> COLUMN = Map.ofEntries(Map.entry("workstation", "e.workstation_id"),
      Map.entry("outcome", "e.outcome"), Map.entry("documentType", "e.document_type"),
      Map.entry("fraudType", "e.fraud_type"), Map.entry("issuingCountry", "e.issuing_country"),
      Map.entry("nationality", "e.nationality"), Map.entry("reason", "e.reason"), Map.entry("direction", "e.direction"),
      Map.entry("hour", "CASE WHEN e.period_minutes <= 60 THEN to_char(e.occurred_at AT TIME ZONE p.time_zone, 'HH24') END"));
  /** Which event types carry each event-level dimension. */
  private static final Map<String, String> CARRIED_BY = Map.of(
      "workstation", "('document_check','interception')", "outcome", "('document_check')",
      "documentType", "('document_check')", "fraudType", "('document_check')",
      "issuingCountry", "('document_check')", "nationality", "('document_check','interception')",
      "reason", "('interception')", "direction", "('interception','crossing_count')",
      "hour", "('crossing_count')");
  private static final Map<String, String> PERIOD = Map.of("day", "to_char(e.local_day, 'YYYY-MM-DD')",
      "week", "to_char(e.local_day, 'IYYY-\"W\"IW')", "month", "to_char(e.local_day, 'YYYY-MM')",
      "quarter", "to_char(e.local_day, 'YYYY-\"Q\"Q')", "year", "to_char(e.local_day, 'YYYY')");

  private final Pool pool;

  public RawSql(Pool pool) {
    this.pool = pool;
  }

  /**
   * The seven base sums per group and period (group "all" without groupBy; period "all"
   * without interval), with the API's parameter names for groupBy, interval and filters.
   */
  public Future<Map<String, Map<String, long[]>>> sums(String groupBy, String interval,
      Map<String, Set<String>> filters, LocalDate from, LocalDate to) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("TRUE");
    String groupExpr = "'all'";
    String join = "";
    if (groupBy != null) {
      switch (groupBy) {
        case "country" -> groupExpr = "p.country::text";
        case "post" -> groupExpr = "e.post_id";
        case "region" -> {
          join = " LEFT JOIN region_country g ON g.country = p.country";
          groupExpr = "coalesce(g.region_id, 'none')";
        }
        default -> {
          groupExpr = "coalesce(" + COLUMN.get(groupBy) + "::text, 'none')";
          where.append(" AND e.type IN ").append(CARRIED_BY.get(groupBy));
        }
      }
    }
    for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
      params.add(f.getValue().toArray(String[]::new));
      String p = "$" + params.size() + "::text[]";
      switch (f.getKey()) {
        case "country" -> where.append(" AND p.country::text = ANY(").append(p).append(')');
        case "post" -> where.append(" AND e.post_id = ANY(").append(p).append(')');
        case "region" -> where.append(" AND p.country IN (SELECT country FROM region_country WHERE region_id = ANY(")
            .append(p).append("))");
        default -> where.append(" AND (e.type NOT IN ").append(CARRIED_BY.get(f.getKey())).append(" OR ")
            .append(COLUMN.get(f.getKey())).append("::text = ANY(").append(p).append("))");
      }
    }
    if (from != null) {
      params.add(from);
      where.append(" AND e.local_day >= $").append(params.size());
    }
    if (to != null) {
      params.add(to);
      where.append(" AND e.local_day <= $").append(params.size());
    }
    String period = interval == null ? "'all'" : PERIOD.get(interval);
    String sql = "SELECT " + groupExpr + " AS g, " + period + " AS per, "
        + "sum(CASE WHEN e.type = 'document_check' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN e.outcome = 'genuine' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN e.outcome = 'fraudulent_document' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN e.outcome = 'imposter' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN e.type = 'interception' THEN e.persons ELSE 0 END), "
        + "sum(CASE WHEN e.type = 'crossing_count' AND e.direction = 'entry' THEN e.count ELSE 0 END), "
        + "sum(CASE WHEN e.type = 'crossing_count' AND e.direction = 'exit' THEN e.count ELSE 0 END) "
        + "FROM event e JOIN post p ON p.id = e.post_id" + join + " WHERE " + where + " GROUP BY 1, 2";
    return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
      Map<String, Map<String, long[]>> out = new HashMap<>();
      for (Row r : rows) {
        long[] s = new long[Metric.SUMS];
        for (int i = 0; i < Metric.SUMS; i++) {
          s[i] = r.getLong(2 + i);
        }
        out.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), s);
      }
      return out;
    });
  }
}
