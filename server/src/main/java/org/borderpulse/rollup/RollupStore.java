package org.borderpulse.rollup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Event;

/** Rollup rows in PostgreSQL: deltas applied inside the ingest transaction, and the start-up load. */
public final class RollupStore {
  private RollupStore() {}

  /** The rollup deltas of newly stored events, one row per distinct day, post and dimensions. */
  public static Collection<RollupRow> deltas(Iterable<Event> events) {
    Map<String, RollupRow> sums = new LinkedHashMap<>();
    for (Event e : events) {
      RollupRow r = switch (e.type()) {
        case "document_check" -> row(e, RollupRow.DOCUMENT_CHECK, 1);
        case "interception" -> row(e, RollupRow.INTERCEPTION, e.persons());
        default -> row(e, RollupRow.CROSSING_COUNT, e.count());
      };
      sums.merge(r.dimensionKey(), r, (a, b) -> a.plus(b.value(), b.events()));
    }
    return sums.values();
  }

  private static RollupRow row(Event e, int type, long value) {
    return new RollupRow(e.localDay(), e.post(), type, n(e.workstation()), n(e.outcome()), n(e.documentType()),
        n(e.fraudType()), n(e.issuingCountry()), n(e.nationality()), n(e.reason()), n(e.direction()), value, 1, 0);
  }

  private static String n(String s) {
    return s == null ? "" : s;
  }

  /** Applies deltas within the caller's transaction; returns the touched rows' absolute values. */
  public static Future<List<RollupRow>> apply(SqlConnection conn, Collection<RollupRow> deltas) {
    if (deltas.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = deltas.size();
    LocalDate[] day = new LocalDate[n];
    String[] dimensions = new String[n];
    Long[] value = new Long[n], events = new Long[n];
    int i = 0;
    for (RollupRow r : deltas) {
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
