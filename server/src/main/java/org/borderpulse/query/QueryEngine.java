package org.borderpulse.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.borderpulse.http.ApiException;
import org.borderpulse.rollup.Cube;
import org.borderpulse.rollup.Dictionary;
import org.borderpulse.rollup.Dim;

/**
 * Answers queries from the {@link Cube}: one scan of the matching posts, days and rows, summed
 * into the seven base sums per group and period. Runs on the cube's own thread.
 *
 * <p>A filter on a dimension applies to the event types that carry it (an outcome filter
 * narrows document checks, not crossings), so ratios such as interceptions per 10k crossings
 * keep their denominator.
 */
public final class QueryEngine {
  /** Groups × periods a series may hold. */
  static final int MAX_CELLS = 200_000;
  private static final String ALL = "all";
  private static final String NONE = "none";

  private final Cube cube;
  private final Function<String, String> countryOfPost;
  private final Map<String, Set<String>> regions;

  public QueryEngine(Cube cube, Function<String, String> countryOfPost, Map<String, Set<String>> regions) {
    this.cube = cube;
    this.countryOfPost = countryOfPost;
    this.regions = regions;
  }

  public JsonObject run(Query q) {
    return switch (q.kind()) {
      case SERIES -> series(q);
      case SUMMARY -> summary(q);
      case BREAKDOWN -> breakdown(q);
    };
  }

  /** Sums per group and period over the chosen days. */
  private final class Sums {
    final Dictionary groups = new Dictionary(Integer.MAX_VALUE);
    final List<long[]> byGroup = new ArrayList<>();
    final int periods;

    Sums(int periods) {
      this.periods = periods;
    }

    long[] of(int group) {
      while (byGroup.size() <= group) {
        if ((long) (byGroup.size() + 1) * periods > MAX_CELLS) {
          throw ApiException.badRequest("the answer would hold more than " + MAX_CELLS
              + " points; narrow from/to, filter, or use a coarser interval");
        }
        byGroup.add(new long[periods * Metric.SUMS]);
      }
      return byGroup.get(group);
    }
  }

  /** Which posts, dimension values and rows a query looks at. */
  private record Selection(boolean[] posts, boolean[][] allowed, boolean fine) {}

  private Selection selection(Query q, Dimension groupBy) {
    boolean[][] allowed = new boolean[Dim.values().length][];
    boolean fine = groupBy != null && groupBy.dim() != null && isFine(groupBy.dim());
    for (Map.Entry<Dimension, Set<String>> f : q.filters().entrySet()) {
      Dim d = f.getKey().dim();
      if (d != null) {
        allowed[d.ordinal()] = codes(d, f.getValue());
        fine |= isFine(d);
      }
    }
    return new Selection(postMask(q), allowed, fine);
  }

  /** Scans [fromDay, toDay]; {@code periodOf[day - fromDay]} says which period a day adds to. */
  private Sums scan(Query q, Dimension groupBy, int fromDay, int toDay, int[] periodOf, int periods) {
    Sums sums = new Sums(periods);
    if (cube.isEmpty() || toDay < fromDay) {
      return sums;
    }
    Selection sel = selection(q, groupBy);
    Grouping grouping = new Grouping(groupBy, sums.groups);
    Cube.Visitor add = (post, day, key, value) -> {
      int period = periodOf[day - fromDay];
      int type = Dim.type(key);
      int sum = switch (type) {
        case 0 -> -1;
        case 1 -> Metric.INTERCEPTED;
        default -> Dim.DIRECTION.code(key) == 1 ? Metric.ENTERED : Metric.EXITED;
      };
      for (int g : grouping.groups(post, key)) {
        long[] acc = sums.of(g);
        int base = period * Metric.SUMS;
        if (type == 0) {
          acc[base + Metric.SCANNED] += value;
          int outcome = Dim.OUTCOME.code(key);
          if (outcome > 0) {
            acc[base + outcome] += value; // 1 genuine, 2 fraudulent document, 3 imposter
          }
        } else {
          acc[base + sum] += value;
        }
      }
    };
    scanDaysAndMonths(sel, fromDay, toDay, periodOf, add);
    return sums;
  }

  private static final Cube.Span[] WIDEST_FIRST = {Cube.Span.YEAR, Cube.Span.QUARTER, Cube.Span.MONTH};

  /**
   * Whole years, quarters and months that fall in one period are read from their coarse sums
   * (far fewer blocks than days); the remaining days are read day by day. Fine queries
   * (workstation, nationality, issuing country) always read days.
   */
  private void scanDaysAndMonths(Selection sel, int fromDay, int toDay, int[] periodOf, Cube.Visitor add) {
    if (sel.fine()) {
      cube.scan(new Cube.Scan(sel.posts(), fromDay, toDay, sel.allowed(), true, Cube.Span.DAY), add);
      return;
    }
    int d = fromDay;
    while (d <= toDay) {
      Cube.Span span = Cube.Span.DAY;
      int runEnd = -1;
      for (Cube.Span candidate : WIDEST_FIRST) {
        int end = runOf(candidate, d, toDay, fromDay, periodOf);
        if (end >= d) {
          span = candidate;
          runEnd = end;
          break;
        }
      }
      if (span == Cube.Span.DAY) {
        runEnd = Math.min(Cube.Span.MONTH.lastDay(Cube.Span.MONTH.index(d)), toDay);
      }
      cube.scan(new Cube.Scan(sel.posts(), d, runEnd, sel.allowed(), false, span), add);
      d = runEnd + 1;
    }
  }

  /** The last day of the longest run of whole spans from {@code d} inside the range, each in one period; or d - 1. */
  private static int runOf(Cube.Span span, int d, int toDay, int fromDay, int[] periodOf) {
    int runEnd = d - 1;
    int i = span.index(d);
    while (span.firstDay(i) == runEnd + 1) {
      int end = span.lastDay(i);
      if (end > toDay || periodOf[runEnd + 1 - fromDay] != periodOf[end - fromDay]) {
        break;
      }
      runEnd = end;
      i++;
    }
    return runEnd;
  }

  /** Tells whether a changed rollup row can change a query's answer (for live subscriptions). */
  public final class Matcher {
    private final Query query;
    private final int fromDay;
    private final int toDay;
    private Selection selection;
    private int dictionarySizes;

    private Matcher(Query q) {
      this.query = q;
      if (q.kind() == Query.Kind.SUMMARY) {
        fromDay = (int) q.period().previous().start().toEpochDay();
        toDay = (int) q.period().end().toEpochDay();
      } else {
        fromDay = q.from() == null ? Integer.MIN_VALUE : (int) q.from().toEpochDay();
        toDay = q.to() == null ? Integer.MAX_VALUE : (int) q.to().toEpochDay();
      }
    }

    public boolean touches(int post, int day, long key) {
      if (day < fromDay || day > toDay) {
        return false;
      }
      int sizes = cube.posts().size() + cube.dictionary(Dim.WORKSTATION).size()
          + cube.dictionary(Dim.NATIONALITY).size();
      if (selection == null || sizes != dictionarySizes) {
        selection = selection(query, query.kind() == Query.Kind.SUMMARY ? null : query.groupBy());
        dictionarySizes = sizes;
      }
      if (post >= selection.posts().length || !selection.posts()[post]) {
        return false;
      }
      int type = Dim.type(key);
      for (Dim d : Dim.values()) {
        boolean[] allowed = selection.allowed()[d.ordinal()];
        if (allowed != null && d.carriedBy(type) && !allowed[d.code(key)]) {
          return false;
        }
      }
      return true;
    }
  }

  public Matcher matcher(Query q) {
    return new Matcher(q);
  }

  private static boolean isFine(Dim d) {
    return d == Dim.WORKSTATION || d == Dim.ISSUING_COUNTRY || d == Dim.NATIONALITY;
  }

  /** Which groups a row adds to: one, or several for regions (a country may be in more than one). */
  private final class Grouping {
    private final Dimension by;
    private final Dictionary groups;
    private final int[] single = new int[1];
    private int[][] postGroups;
    private int[] codeGroups;

    Grouping(Dimension by, Dictionary groups) {
      this.by = by;
      this.groups = groups;
      if (by == null) {
        groups.code(ALL);
      }
    }

    int[] groups(int post, long key) {
      if (by == null) {
        single[0] = 1;
        return single;
      }
      if (by.dim() == null) {
        if (postGroups == null || post >= postGroups.length) {
          postGroups = Arrays.copyOf(postGroups == null ? new int[0][] : postGroups, cube.posts().size());
        }
        if (postGroups[post] == null) {
          postGroups[post] = postLevelGroups(cube.posts().name(post));
        }
        return postGroups[post];
      }
      int code = by.dim().code(key);
      if (!by.dim().carriedBy(Dim.type(key))) {
        return new int[0];
      }
      if (codeGroups == null || code >= codeGroups.length) {
        int[] grown = new int[Math.max(code + 1, cube.dictionary(by.dim()).size())];
        Arrays.fill(grown, -1);
        if (codeGroups != null) {
          System.arraycopy(codeGroups, 0, grown, 0, codeGroups.length);
        }
        codeGroups = grown;
      }
      if (codeGroups[code] < 0) {
        codeGroups[code] = groups.code(label(by.dim(), code));
      }
      single[0] = codeGroups[code];
      return single;
    }

    private int[] postLevelGroups(String post) {
      String country = countryOfPost.apply(post);
      return switch (by) {
        case POST -> new int[] {groups.code(post)};
        case COUNTRY -> new int[] {groups.code(country == null ? NONE : country)};
        default -> {
          List<String> in = regions.entrySet().stream().filter(e -> e.getValue().contains(country))
              .map(Map.Entry::getKey).sorted().toList();
          yield (in.isEmpty() ? List.of(NONE) : in).stream().mapToInt(groups::code).toArray();
        }
      };
    }
  }

  private String label(Dim d, int code) {
    if (code == 0) {
      return NONE;
    }
    String name = cube.dictionary(d).name(code);
    return d == Dim.WORKSTATION ? name.substring(name.indexOf('/') + 1) : name;
  }

  private boolean[] postMask(Query q) {
    Set<String> countries = q.scope() == null ? null : new HashSet<>(q.scope());
    Set<String> byCountry = q.filters().get(Dimension.COUNTRY);
    Set<String> byRegion = null;
    if (q.filters().containsKey(Dimension.REGION)) {
      byRegion = new HashSet<>();
      for (String r : q.filters().get(Dimension.REGION)) {
        byRegion.addAll(regions.getOrDefault(r, Set.of()));
      }
    }
    Set<String> posts = q.filters().get(Dimension.POST);
    boolean[] mask = new boolean[cube.posts().size()];
    for (int p = 1; p < mask.length; p++) {
      String name = cube.posts().name(p);
      String country = countryOfPost.apply(name);
      mask[p] = (countries == null || countries.contains(country)) && (byCountry == null || byCountry.contains(country))
          && (byRegion == null || byRegion.contains(country)) && (posts == null || posts.contains(name));
    }
    return mask;
  }

  private boolean[] codes(Dim d, Set<String> values) {
    Dictionary dict = cube.dictionary(d);
    boolean[] allowed = new boolean[d.capacity()];
    if (d == Dim.WORKSTATION) {
      for (int c = 1; c < dict.size(); c++) {
        String name = dict.name(c);
        allowed[c] = values.contains(name.substring(name.indexOf('/') + 1)) || values.contains(name);
      }
      return allowed;
    }
    for (String v : values) {
      int c = dict.find(v);
      if (c > 0) {
        allowed[c] = true;
      }
    }
    return allowed;
  }

  private int firstDay(Query q) {
    return q.from() != null ? (int) q.from().toEpochDay() : cube.minDay();
  }

  private int lastDay(Query q) {
    return q.to() != null ? (int) q.to().toEpochDay() : cube.maxDay();
  }

  private JsonObject series(Query q) {
    JsonObject out = new JsonObject().put("metric", q.metric().id()).put("interval", q.interval().id());
    JsonArray series = new JsonArray();
    out.put("series", series);
    if (cube.isEmpty() && (q.from() == null || q.to() == null)) {
      if (q.groupBy() == null) {
        series.add(new JsonObject().put("key", ALL).put("points", new JsonArray()));
      }
      return out;
    }
    int from = firstDay(q);
    int to = lastDay(q);
    List<LocalDate> starts = new ArrayList<>();
    int[] periodOf = new int[Math.max(0, to - from + 1)];
    LocalDate start = q.interval().start(LocalDate.ofEpochDay(from));
    while (!start.isAfter(LocalDate.ofEpochDay(to))) {
      LocalDate next = q.interval().next(start);
      int a = (int) Math.max(start.toEpochDay(), from);
      int b = (int) Math.min(next.toEpochDay() - 1, to);
      Arrays.fill(periodOf, a - from, b - from + 1, starts.size());
      starts.add(start);
      start = next;
    }
    if (starts.size() > MAX_CELLS) {
      throw ApiException.badRequest("more than " + MAX_CELLS + " periods; narrow from/to or use a coarser interval");
    }
    Sums sums = scan(q, q.groupBy(), from, to, periodOf, starts.size());
    int firstPeriod = 0;
    int lastPeriod = starts.size() - 1;
    if (q.from() == null || q.to() == null) {
      int[] used = usedPeriods(sums);
      firstPeriod = q.from() == null ? used[0] : 0;
      lastPeriod = q.to() == null ? used[1] : lastPeriod;
    }
    List<String> keys = new ArrayList<>();
    for (int g = q.groupBy() == null ? 1 : 1; g < sums.groups.size(); g++) {
      keys.add(sums.groups.name(g));
    }
    keys.sort(Comparator.naturalOrder());
    for (String key : keys) {
      long[] acc = sums.of(sums.groups.code(key));
      JsonArray points = new JsonArray();
      for (int p = firstPeriod; p <= lastPeriod; p++) {
        points.add(new JsonObject().put("period", q.interval().label(starts.get(p)))
            .put("value", q.metric().value(acc, p * Metric.SUMS)));
      }
      series.add(new JsonObject().put("key", key).put("points", points));
    }
    return out;
  }

  /** The first and last period with any data, over every group. */
  private static int[] usedPeriods(Sums sums) {
    int first = Integer.MAX_VALUE;
    int last = -1;
    for (long[] acc : sums.byGroup) {
      for (int p = 0; p < sums.periods; p++) {
        for (int s = 0; s < Metric.SUMS; s++) {
          if (acc[p * Metric.SUMS + s] != 0) {
            first = Math.min(first, p);
            last = Math.max(last, p);
            break;
          }
        }
      }
    }
    return first == Integer.MAX_VALUE ? new int[] {0, -1} : new int[] {first, last};
  }

  private JsonObject summary(Query q) {
    Interval.Period current = q.period();
    Interval.Period previous = current.previous();
    int from = (int) previous.start().toEpochDay();
    int to = (int) current.end().toEpochDay();
    int[] periodOf = new int[to - from + 1];
    Arrays.fill(periodOf, (int) (current.start().toEpochDay() - from), periodOf.length, 1);
    Sums sums = scan(q, null, from, to, periodOf, 2);
    long[] acc = sums.of(1);
    JsonObject metrics = new JsonObject();
    for (Metric m : Metric.values()) {
      Number now = m.value(acc, Metric.SUMS);
      Number before = m.value(acc, 0);
      Double change = now == null || before == null || before.doubleValue() == 0 ? null
          : Metric.round((now.doubleValue() - before.doubleValue()) / before.doubleValue(), 4);
      metrics.put(m.id(), new JsonObject().put("value", now).put("previous", before).put("change", change));
    }
    return new JsonObject().put("period", current.label()).put("previous", previous.label()).put("metrics", metrics);
  }

  private JsonObject breakdown(Query q) {
    int from = firstDay(q);
    int to = lastDay(q);
    int[] periodOf = new int[Math.max(0, to - from + 1)];
    Sums sums = scan(q, q.groupBy(), from, to, periodOf, 1);
    List<JsonObject> rows = new ArrayList<>();
    for (int g = 1; g < sums.groups.size(); g++) {
      Number v = q.metric().value(sums.of(g), 0);
      rows.add(new JsonObject().put("key", sums.groups.name(g)).put("value", v));
    }
    Comparator<JsonObject> byKey = Comparator.comparing(r -> r.getString("key"));
    rows.sort(q.groupBy() == Dimension.HOUR ? byKey : Comparator.<JsonObject, Double>comparing(
        r -> r.getValue("value") == null ? Double.NEGATIVE_INFINITY : ((Number) r.getValue("value")).doubleValue())
        .reversed().thenComparing(byKey));
    if (q.limit() != null && rows.size() > q.limit()) {
      rows = rows.subList(0, q.limit());
    }
    return new JsonObject().put("metric", q.metric().id()).put("by", q.groupBy().id()).put("rows", new JsonArray(rows));
  }
}
