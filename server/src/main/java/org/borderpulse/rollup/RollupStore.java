package org.borderpulse.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.ingest.Event;

/** What a batch adds to the rollups: its deltas, summed per row. */
public final class RollupStore {
  private RollupStore() {}

  /** What a batch adds to one rollup row: its key (day and {@link RollupRow#dimensions()}) and the sums. */
  public record Delta(LocalDate day, String dimensions, long value, long events) {
    /** The row this delta adds to, with the delta as its value (for the cube). */
    public RollupRow row() {
      return RollupRow.of(day, dimensions, value, events, 0, s -> s);
    }

    /** The post, the first field of the key. */
    public String post() {
      return dimensions.substring(0, dimensions.indexOf('|'));
    }

    Delta plus(Delta d) {
      return new Delta(day, dimensions, value + d.value, events + d.events);
    }
  }

  private record Key(LocalDate day, String dimensions) {}

  /**
   * The rollup deltas of newly stored events, one per distinct day, post and dimensions, in no
   * particular order. The ingest handler and the writer's recovery both call this: a batch
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
    return new ArrayList<>(sums.values());
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
}
