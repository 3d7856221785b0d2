package org.borderpulse.rollup;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.borderpulse.ingest.Vocabulary;

/**
 * Every rollup row of the network in memory, by post and post-local day, in compact arrays.
 * Owned by one verticle (single-threaded): rows come in as deltas (committed batches, stored
 * parts), each once, in any order.
 */
public final class Cube {
  /** Day 0 of the day index; events before 1990 are refused at ingest. */
  public static final int BASE_DAY = (int) LocalDate.of(1990, 1, 1).toEpochDay();

  private final Dictionary posts = new Dictionary(Integer.MAX_VALUE);
  private final Dictionary workstations = new Dictionary(Dim.WORKSTATION.capacity());
  private final Dictionary countries = new Dictionary(Dim.NATIONALITY.capacity());
  private final Dictionary outcomes = Dictionary.of(Vocabulary.OUTCOMES);
  private final Dictionary documentTypes = Dictionary.of(Vocabulary.DOCUMENT_TYPES);
  private final Dictionary fraudTypes = Dictionary.of(Vocabulary.FRAUD_TYPES);
  private final Dictionary reasons = Dictionary.of(Vocabulary.REASONS);
  private final Dictionary directions = Dictionary.of(Vocabulary.DIRECTIONS);
  private final Dictionary hours = Dictionary.of(RollupRow.HOURS);
  private PostDays[] data = new PostDays[16];
  private int minDay = Integer.MAX_VALUE;
  private int maxDay = Integer.MIN_VALUE;
  private long rows;

  /** Blocks indexed from the earliest one (days, or months). */
  private static final class Blocks {
    int first = Integer.MAX_VALUE;
    Block[] blocks = new Block[0];

    Block block(int day) {
      if (blocks.length == 0) {
        first = day;
        blocks = new Block[64];
      } else if (day < first) {
        int grow = Math.max(first - day, 64);
        Block[] b = new Block[blocks.length + grow];
        System.arraycopy(blocks, 0, b, grow, blocks.length);
        blocks = b;
        first -= grow;
      } else if (day - first >= blocks.length) {
        blocks = Arrays.copyOf(blocks, Math.max(blocks.length * 2, day - first + 64));
      }
      Block b = blocks[day - first];
      if (b == null) {
        b = blocks[day - first] = new Block();
      }
      return b;
    }

    Block existing(int day) {
      int i = day - first;
      return i < 0 || i >= blocks.length ? null : blocks[i];
    }

    int last() {
      return first + blocks.length - 1;
    }
  }

  /** The spans blocks cover: days hold every row; months, quarters and years the coarse sums. */
  public enum Span {
    DAY(0), MONTH(1), QUARTER(3), YEAR(12);

    private final int months;

    Span(int months) {
      this.months = months;
    }

    /** The index of the block holding an epoch day. */
    public int index(int epochDay) {
      if (this == DAY) {
        return epochDay;
      }
      LocalDate d = LocalDate.ofEpochDay(epochDay);
      return ofMonth(d.getYear() * 12 + d.getMonthValue() - 1);
    }

    /** The index of the block holding a month ({@code year * 12 + month - 1}); not for DAY. */
    int ofMonth(int month) {
      return month / months;
    }

    public int firstDay(int index) {
      if (this == DAY) {
        return index;
      }
      int month = index * months;
      return (int) LocalDate.of(month / 12, month % 12 + 1, 1).toEpochDay();
    }

    public int lastDay(int index) {
      return this == DAY ? index : firstDay(index + 1) - 1;
    }
  }

  /** One post's blocks per span, and its workstations' codes. */
  private static final class PostDays {
    final Blocks[] spans = {new Blocks(), new Blocks(), new Blocks(), new Blocks()};
    /** Workstation id → its code in the network-wide dictionary ("post/workstation"), looked up once. */
    private final Map<String, Integer> workstationCodes = new HashMap<>();

    int workstation(RollupRow r, Dictionary all) {
      Integer c = workstationCodes.get(r.workstation());
      if (c == null) {
        c = all.code(r.post() + "/" + r.workstation());
        workstationCodes.put(r.workstation(), c);
      }
      return c;
    }
  }

  /**
   * Adds a delta to a row ({@code r.value()} and {@code r.events()} are the delta; a new row
   * starts at 0): a committed batch's deltas, or a stored part at start. Each arrives once, in
   * any order: the bus delivers every committed batch once to this node, and the start-up load
   * reads only batches already written (decision 010).
   */
  public void add(RollupRow r, Visitor changed) {
    int p = posts.code(r.post());
    if (p >= data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, p + 1));
    }
    if (data[p] == null) {
      data[p] = new PostDays();
    }
    long key = r.type();
    key = Dim.WORKSTATION.with(key, r.workstation().isEmpty() ? 0 : data[p].workstation(r, workstations));
    key = Dim.OUTCOME.with(key, outcomes.code(r.outcome()));
    key = Dim.DOCUMENT_TYPE.with(key, documentTypes.code(r.documentType()));
    key = Dim.FRAUD_TYPE.with(key, fraudTypes.code(r.fraudType()));
    key = Dim.ISSUING_COUNTRY.with(key, countries.code(r.issuingCountry()));
    key = Dim.NATIONALITY.with(key, countries.code(r.nationality()));
    key = Dim.REASON.with(key, reasons.code(r.reason()));
    key = Dim.DIRECTION.with(key, directions.code(r.direction()));
    key = Dim.HOUR.with(key, hours.code(r.hour()));
    int day = (int) r.day().toEpochDay();
    Block b = data[p].spans[0].block(day);
    int before = b.size;
    b.add(key, r.value());
    long coarse = Dim.coarse(key);
    LocalDate date = LocalDate.ofEpochDay(day);
    int month = date.getYear() * 12 + date.getMonthValue() - 1;
    for (Span span : COARSE_SPANS) {
      data[p].spans[span.ordinal()].block(span.ofMonth(month)).addCoarse(coarse, r.value());
    }
    rows += b.size - before;
    minDay = Math.min(minDay, day);
    maxDay = Math.max(maxDay, day);
    if (changed != null) {
      changed.row(p, day, key, b.value(key));
    }
  }

  private static final Span[] COARSE_SPANS = {Span.MONTH, Span.QUARTER, Span.YEAR};

  /**
   * What a scan looks at: which posts, which days, which dimension values. With a span other
   * than DAY the range is whole spans and their coarse sums are read instead of the days (the
   * visitor gets each span's first day).
   */
  public record Scan(boolean[] posts, int fromDay, int toDay, boolean[][] allowed, boolean fine, Span span) {}

  /** Receives each matching row. */
  @FunctionalInterface
  public interface Visitor {
    void row(int post, int day, long key, long value);
  }

  /** Visits every row of the chosen posts and days whose dimensions pass the filters. */
  public void scan(Scan s, Visitor v) {
    Dim[] filtered = Arrays.stream(Dim.values()).filter(d -> s.allowed()[d.ordinal()] != null).toArray(Dim[]::new);
    for (int p = 0; p < posts.size() && p < data.length; p++) {
      PostDays pd = data[p];
      if (pd == null || (s.posts() != null && (p >= s.posts().length || !s.posts()[p]))) {
        continue;
      }
      Blocks blocks = pd.spans[s.span().ordinal()];
      int lo = s.span().index(s.fromDay());
      int hi = s.span().index(s.toDay());
      int from = Math.max(lo, blocks.first);
      int to = Math.min(hi, blocks.last());
      for (int i = from; i <= to; i++) {
        Block b = blocks.existing(i);
        if (b == null) {
          continue;
        }
        int day = s.span().firstDay(i);
        boolean fine = s.fine() && s.span() == Span.DAY;
        long[] keys = fine ? b.keys : b.coarseKeys;
        long[] values = fine ? b.values : b.coarseValues;
        int n = fine ? b.size : b.coarseSize;
        rows:
        for (int r = 0; r < n; r++) {
          long k = keys[r];
          int type = Dim.type(k);
          for (Dim d : filtered) {
            if (d.carriedBy(type) && !s.allowed()[d.ordinal()][d.code(k)]) {
              continue rows;
            }
          }
          v.row(p, day, k, values[r]);
        }
      }
    }
  }

  /** The dictionary that names a dimension's codes. */
  public Dictionary dictionary(Dim d) {
    return switch (d) {
      case WORKSTATION -> workstations;
      case OUTCOME -> outcomes;
      case DOCUMENT_TYPE -> documentTypes;
      case FRAUD_TYPE -> fraudTypes;
      case ISSUING_COUNTRY, NATIONALITY -> countries;
      case REASON -> reasons;
      case DIRECTION -> directions;
      case HOUR -> hours;
    };
  }

  public Dictionary posts() { return posts; }

  public int minDay() { return minDay; }

  public int maxDay() { return maxDay; }

  public boolean isEmpty() { return minDay > maxDay; }

  public long rows() { return rows; }
}
