package org.borderpulse.ingest;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@link OffsetDateTime#parse} with a fast path for the shape posts send,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}; anything else (or anything the fast path
 * finds invalid) goes to {@code OffsetDateTime.parse}, so results and errors are the same.
 */
final class IsoTime {
  private static final int[] SCALE = {1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  private IsoTime() {}

  /** As {@link OffsetDateTime#parse(CharSequence)}; throws {@link java.time.format.DateTimeParseException}. */
  static OffsetDateTime parse(String s) {
    OffsetDateTime t = parseCommon(s);
    return t != null ? t : OffsetDateTime.parse(s);
  }

  /** The common shape, or null when {@code s} has another shape or invalid fields. */
  private static OffsetDateTime parseCommon(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19, nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 9) {
        return null;
      }
      nano = digits(s, start, len) * SCALE[len];
    }
    ZoneOffset offset = offset(s, i);
    if (offset == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code Z} or {@code ±HH:MM} from {@code i} to the end, or null. */
  private static ZoneOffset offset(String s, int i) {
    int n = s.length();
    if (i == n - 1 && s.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    char sign = i == n - 6 ? s.charAt(i) : 0;
    if ((sign != '+' && sign != '-') || s.charAt(i + 3) != ':') {
      return null;
    }
    int hours = digits(s, i + 1, 2), minutes = digits(s, i + 4, 2);
    if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
      return null;
    }
    try {
      return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code len} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
