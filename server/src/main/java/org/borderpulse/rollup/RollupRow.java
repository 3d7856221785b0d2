package org.borderpulse.rollup;

import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * One rollup row: a post-local day, a post, the event type and every dimension value ({@code ""}
 * when the type has none), its value and event count (a sum, or a delta to add). {@code hour} is the
 * post-local hour ({@code "00"}–{@code "23"}) of a crossing count over at most an hour
 * ({@link #hourOf}), {@code ""} otherwise.
 *
 * @param type 0 document check, 1 interception, 2 crossing count
 * @param value document checks, interception persons or travellers
 */
public record RollupRow(LocalDate day, String post, int type, String workstation, String outcome,
    String documentType, String fraudType, String issuingCountry, String nationality, String reason,
    String direction, String hour, long value, long events) {

  public static final int DOCUMENT_CHECK = 0;
  public static final int INTERCEPTION = 1;
  public static final int CROSSING_COUNT = 2;
  private static final char SEPARATOR = '|';
  /** Post, type and the nine dimensions. */
  private static final int DIMENSION_FIELDS = 11;
  /** The hour dimension's values, in order. */
  public static final List<String> HOURS = IntStream.range(0, 24).mapToObj(h -> (h < 10 ? "0" : "") + h).toList();

  /**
   * The key column of {@code rollup_day} besides the day (migrations V5, V9): post, type and the
   * nine dimension values, {@code '|'}-separated. Ids, vocabulary values and country codes
   * hold no {@code '|'}, so the key is exact.
   */
  public String dimensions() {
    StringBuilder sb = new StringBuilder(64);
    appendDimensions(sb);
    return sb.toString();
  }

  /** This row's key with another value and event count. */
  public RollupRow withSums(long value, long events) {
    return new RollupRow(day, post, type, workstation, outcome, documentType, fraudType, issuingCountry, nationality,
        reason, direction, hour, value, events);
  }

  /** Writes {@link #dimensions()} into {@code sb}, without a String of its own. */
  public void appendDimensions(StringBuilder sb) {
    sb.append(post).append(SEPARATOR).append(type).append(SEPARATOR).append(workstation)
        .append(SEPARATOR).append(outcome).append(SEPARATOR).append(documentType).append(SEPARATOR).append(fraudType)
        .append(SEPARATOR).append(issuingCountry).append(SEPARATOR).append(nationality).append(SEPARATOR)
        .append(reason).append(SEPARATOR).append(direction).append(SEPARATOR).append(hour);
  }

  /** Whether {@code o} is a row of the same day, post, type and dimension values (values aside). */
  public boolean sameKey(RollupRow o) {
    return type == o.type && day.equals(o.day) && post.equals(o.post) && workstation.equals(o.workstation)
        && outcome.equals(o.outcome) && documentType.equals(o.documentType) && fraudType.equals(o.fraudType)
        && issuingCountry.equals(o.issuingCountry) && nationality.equals(o.nationality) && reason.equals(o.reason)
        && direction.equals(o.direction) && hour.equals(o.hour);
  }

  /** A hash of the key fields, consistent with {@link #sameKey}. */
  public int keyHash() {
    int h = day.hashCode() * 31 + post.hashCode();
    h = (h * 31 + type) * 31 + workstation.hashCode();
    h = (h * 31 + outcome.hashCode()) * 31 + documentType.hashCode();
    h = (h * 31 + fraudType.hashCode()) * 31 + issuingCountry.hashCode();
    h = (h * 31 + nationality.hashCode()) * 31 + reason.hashCode();
    return ((h * 31 + direction.hashCode()) * 31) + hour.hashCode();
  }

  /**
   * The hour a crossing count is filed under: the post-local hour it starts in when it covers
   * at most an hour; a longer count (a day's total) has no hour.
   */
  public static String hourOf(int localHour, Integer periodMinutes) {
    return periodMinutes != null && periodMinutes <= 60 ? HOURS.get(localHour) : "";
  }

  /** A row from its stored form; {@code strings} may intern the dimension values (the start-up load does). */
  static RollupRow of(LocalDate day, String dimensions, long value, long events,
      UnaryOperator<String> strings) {
    String[] f = new String[DIMENSION_FIELDS];
    int start = 0;
    for (int i = 0; i < DIMENSION_FIELDS; i++) {
      int end = i == DIMENSION_FIELDS - 1 ? dimensions.length() : dimensions.indexOf(SEPARATOR, start);
      if (end < 0) {
        throw new IllegalArgumentException("a rollup key has " + DIMENSION_FIELDS + " fields: " + dimensions);
      }
      f[i] = strings.apply(dimensions.substring(start, end));
      start = end + 1;
    }
    return new RollupRow(day, f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10],
        value, events);
  }
}
