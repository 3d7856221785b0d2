package org.borderpulse.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Event;

/** What a batch adds to the rollups: its deltas, summed per row, in one order shared by every writer. */
public final class RollupStore {
  private RollupStore() {}

  /** What a batch adds to one rollup row: its key (day and {@link RollupRow#dimensions()}) and the sums. */
  public record Delta(LocalDate day, String dimensions, long value, long events) {
    /** The row this delta adds to, with the delta as its value (for the cube). */
    public RollupRow row() {
      return RollupRow.of(day, dimensions, value, events, 0, s -> s);
    }

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
   * {@link #LOCK_ORDER}. The ingest handler and the writer's recovery both call this: a batch
   * folded live and one folded at start from its stored events give the same deltas.
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

  /** Sorts deltas in {@link #LOCK_ORDER} (the writer's sums come from a hash map). */
  static void sort(List<Delta> deltas) {
    deltas.sort(LOCK_ORDER);
  }
}
