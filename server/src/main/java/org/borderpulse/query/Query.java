package org.borderpulse.query;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * A validated query: what to compute, over which days, with which filters, for whom.
 *
 * @param filters values per dimension (OR within one, AND across); absent = no filter
 * @param from first post-local day, or null for the data's own start
 * @param to last post-local day, or null for the data's own end
 * @param scope the countries the caller may see (null: all) — applied to every query
 */
public record Query(Kind kind, Metric metric, Interval interval, Dimension groupBy, Integer limit,
    Interval.Period period, LocalDate from, LocalDate to, Map<Dimension, Set<String>> filters, Set<String> scope) {

  public enum Kind { SERIES, SUMMARY, BREAKDOWN }

  /** A canonical text of the query: equal queries (whatever their parameter order) have equal keys. */
  public String key() {
    StringBuilder sb = new StringBuilder().append(kind).append('|').append(metric).append('|').append(interval)
        .append('|').append(groupBy).append('|').append(limit).append('|')
        .append(period == null ? null : period.label()).append('|').append(from).append('|').append(to);
    new java.util.TreeMap<>(filters).forEach((d, v) -> sb.append('|').append(d).append('=')
        .append(new java.util.TreeSet<>(v)));
    return sb.append("|scope=").append(scope == null ? "*" : new java.util.TreeSet<>(scope)).toString();
  }
}
