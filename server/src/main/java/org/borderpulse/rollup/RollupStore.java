package org.borderpulse.rollup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Event;

/** Rollup rows in PostgreSQL: deltas applied inside the ingest transaction, and the start-up load. */
public final class RollupStore {
  private RollupStore() {}

  /** What a batch adds to one rollup row: its key (day and {@link RollupRow#dimensions()}) and the sums. */
  public record Delta(LocalDate day, String dimensions, long value, long events) {
    Delta plus(Delta d) {
      return new Delta(day, dimensions, value + d.value, events + d.events);
    }
  }

  private record Key(LocalDate day, String dimensions) {}

  /**
   * Key order, the order of the {@code rollup_day} index: by day, then dimensions (ASCII, so
   * String order is the "C" collation's). Any order shared by all writers keeps them from
   * deadlocking; this one also keeps consecutive upserts on the same index and heap pages.
   */
  private static final Comparator<Delta> LOCK_ORDER = (a, b) -> {
    int byDay = a.day().compareTo(b.day());
    return byDay != 0 ? byDay : a.dimensions().compareTo(b.dimensions());
  };

  /**
   * The rollup deltas of newly stored events, one per distinct day, post and dimensions, in
   * {@link #LOCK_ORDER}: concurrent batches then lock shared rows in the same order and cannot
   * deadlock.
   */
  public static List<Delta> deltas(Iterable<Event> events) {
    Map<Key, Delta> sums = new HashMap<>();
    for (Event e : events) {
      Delta d = switch (e.type()) {
        case "document_check" -> delta(e, RollupRow.DOCUMENT_CHECK, 1);
        case "interception" -> delta(e, RollupRow.INTERCEPTION, e.persons());
        default -> delta(e, RollupRow.CROSSING_COUNT, e.count());
      };
      sums.merge(new Key(d.day(), d.dimensions()), d, Delta::plus);
    }
    List<Delta> sorted = new ArrayList<>(sums.values());
    sorted.sort(LOCK_ORDER);
    return sorted;
  }

  private static Delta delta(Event e, int type, long value) {
    return new Delta(e.localDay(), RollupRow.dimensions(e.post(), type, n(e.workstation()), n(e.outcome()),
        n(e.documentType()), n(e.fraudType()), n(e.issuingCountry()), n(e.nationality()), n(e.reason()),
        n(e.direction()), type == RollupRow.CROSSING_COUNT ? RollupRow.hourOf(e.localHour(), e.periodMinutes()) : ""),
        value, 1);
  }

  private static String n(String s) {
    return s == null ? "" : s;
  }

  /**
   * Applies deltas, in the order {@link #deltas} gives them, within the caller's transaction;
   * returns the touched rows' absolute values.
   */
  public static Future<List<RollupRow>> apply(SqlConnection conn, List<Delta> deltas) {
    if (deltas.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = deltas.size();
    LocalDate[] day = new LocalDate[n];
    String[] dimensions = new String[n];
    Long[] value = new Long[n], events = new Long[n];
    int i = 0;
    for (Delta r : deltas) {
      day[i] = r.day();
      dimensions[i] = r.dimensions();
      value[i] = r.value();
      events[i] = r.events();
      i++;
    }
    return conn.preparedQuery(RollupSql.UPSERT).execute(Tuple.of(day, dimensions, value, events))
        .map(rows -> {
          List<RollupRow> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(read(row)));
          return out;
        });
  }

  private static RollupRow read(Row r) {
    return RollupRow.of(r.getLocalDate(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), s -> s);
  }
}
