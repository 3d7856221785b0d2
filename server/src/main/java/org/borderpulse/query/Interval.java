package org.borderpulse.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calendar intervals of post-local days, with their period labels. */
public enum Interval {
  DAY("day", Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})")),
  WEEK("week", Pattern.compile("(\\d{4})-W(\\d{2})")),
  MONTH("month", Pattern.compile("(\\d{4})-(\\d{2})")),
  QUARTER("quarter", Pattern.compile("(\\d{4})-Q([1-4])")),
  YEAR("year", Pattern.compile("(\\d{4})"));

  private final String id;
  private final Pattern label;

  Interval(String id, Pattern label) {
    this.id = id;
    this.label = label;
  }

  public String id() { return id; }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Interval::id).toList();
  }

  public static Interval byId(String id) {
    return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst().orElse(null);
  }

  /** The first day of the period holding {@code d} (ISO weeks start on Monday). */
  public LocalDate start(LocalDate d) {
    return switch (this) {
      case DAY -> d;
      case WEEK -> d.with(DayOfWeek.MONDAY);
      case MONTH -> d.withDayOfMonth(1);
      case QUARTER -> d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1);
      case YEAR -> d.withDayOfYear(1);
    };
  }

  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
      case YEAR -> start.plusYears(1);
    };
  }

  public String label(LocalDate start) {
    return switch (this) {
      case DAY -> start.toString();
      case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
          start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
      case YEAR -> String.valueOf(start.getYear());
    };
  }

  /** The period a label names, or null when no interval's label matches. */
  public static Period parse(String text) {
    for (Interval i : values()) {
      Matcher m = i.label.matcher(text);
      if (m.matches()) {
        try {
          LocalDate start = switch (i) {
            case DAY -> LocalDate.parse(text);
            case WEEK -> {
              int week = Integer.parseInt(m.group(2));
              LocalDate monday = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                  .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
              if (week < 1 || monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != week) {
                yield null;
              }
              yield monday;
            }
            case MONTH -> LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            case QUARTER -> LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
            case YEAR -> LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
          };
          return start == null ? null : new Period(i, start, i.next(start).minusDays(1));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** A span of days: a calendar period, or any from–to range ({@code interval} null). */
  public record Period(Interval interval, LocalDate start, LocalDate end) {
    public String label() {
      return interval == null ? start + ".." + end : interval.label(start);
    }

    /** The period just before: the previous calendar period, or a range as long ending the day before. */
    public Period previous() {
      if (interval == null) {
        long days = end.toEpochDay() - start.toEpochDay() + 1;
        return new Period(null, start.minusDays(days), start.minusDays(1));
      }
      LocalDate prevStart = interval.start(start.minusDays(1));
      return new Period(interval, prevStart, start.minusDays(1));
    }
  }
}
