package org.borderpulse.alert.eval;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A post's opening hours (post-local {@code 06:00-22:00}; {@code 22:00-06:00} spans midnight; null: always). */
final class OperatingHours {
  private final ZoneId zone;
  private final int open;
  private final int close;
  private final boolean always;

  OperatingHours(String hours, ZoneId zone) {
    this.zone = zone;
    this.always = hours == null || hours.isBlank();
    if (always) {
      open = 0;
      close = 24 * 60;
    } else {
      open = LocalTime.parse(hours.substring(0, 5)).toSecondOfDay() / 60;
      String to = hours.substring(6);
      close = to.equals("24:00") ? 24 * 60 : LocalTime.parse(to).toSecondOfDay() / 60;
    }
  }

  boolean isOpen(Instant t) {
    if (always) {
      return true;
    }
    ZonedDateTime z = t.atZone(zone);
    int minute = z.getHour() * 60 + z.getMinute();
    return open <= close ? minute >= open && minute < close : minute >= open || minute < close;
  }

  /**
   * Open minutes in [from, to), counted backwards from {@code to} minute by minute and stopping
   * at {@code cap}: enough to tell whether a post has been silent for that many open minutes.
   */
  long openMinutes(Instant from, Instant to, long cap) {
    if (always) {
      return Math.min(cap, Math.max(0, (to.toEpochMilli() - from.toEpochMilli()) / 60_000));
    }
    long n = 0;
    Instant t = to.minusSeconds(60);
    int guard = 0;
    while (!t.isBefore(from) && n < cap && guard++ < 31 * 24 * 60) {
      if (isOpen(t)) {
        n++;
      }
      t = t.minusSeconds(60);
    }
    return n;
  }
}
