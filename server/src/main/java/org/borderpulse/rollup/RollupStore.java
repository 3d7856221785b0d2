package org.borderpulse.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Event;

/** What a batch adds to the rollups: its deltas, summed per row. */
public final class RollupStore {
  private RollupStore() {}

  /**
   * What a batch adds to one rollup row: the row's key with the sums as its value and events,
   * and the key's text form ({@link RollupRow#dimensions()}), built where the batch
   * is handled (its values are at hand there) for the writer, which stores it.
   */
  public record Delta(RollupRow row, String dimensions) {
    public Delta(RollupRow row) {
      this(row, row.dimensions());
    }

    /** A delta from its stored key (day and {@link RollupRow#dimensions()}). */
    public Delta(LocalDate day, String dimensions, long value, long events) {
      this(RollupRow.of(day, dimensions, value, events, s -> s), dimensions);
    }

    public LocalDate day() {
      return row.day();
    }

    public String post() {
      return row.post();
    }

    public long value() {
      return row.value();
    }

    public long events() {
      return row.events();
    }
  }

  /** A rollup row's key fields (day, post, type, dimension values), not its value. */
  private record CellKey(RollupRow row) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CellKey k && row.sameKey(k.row);
    }

    @Override
    public int hashCode() {
      return row.keyHash();
    }
  }

  /**
   * The rollup deltas of newly stored events, one per distinct day, post and dimensions, in no
   * particular order. The ingest handler and the writer's recovery both call this: a batch
   * folded live and one folded at start from its stored events give the same deltas.
   */
  public static List<Delta> deltas(Collection<Event> events) {
    Map<CellKey, long[]> sums = new HashMap<>(events.size() * 2);
    for (Event e : events) {
      int type;
      long value;
      String hour = "";
      switch (e.type()) {
        case "document_check" -> {
          type = RollupRow.DOCUMENT_CHECK;
          value = 1;
        }
        case "interception" -> {
          type = RollupRow.INTERCEPTION;
          value = e.persons();
        }
        default -> {
          type = RollupRow.CROSSING_COUNT;
          value = e.count();
          hour = RollupRow.hourOf(e.localHour(), e.periodMinutes());
        }
      }
      CellKey cell = new CellKey(new RollupRow(e.localDay(), e.post(), type, n(e.workstation()),
          n(e.outcome()), n(e.documentType()), n(e.fraudType()), n(e.issuingCountry()), n(e.nationality()),
          n(e.reason()), n(e.direction()), hour, 0, 0));
      long[] s = sums.get(cell);
      if (s == null) {
        sums.put(cell, s = new long[2]);
      }
      s[0] += value;
      s[1]++;
    }
    List<Delta> out = new ArrayList<>(sums.size());
    sums.forEach((cell, s) -> out.add(new Delta(cell.row().withSums(s[0], s[1]))));
    return out;
  }

  private static String n(String s) {
    return s == null ? "" : s;
  }
}
