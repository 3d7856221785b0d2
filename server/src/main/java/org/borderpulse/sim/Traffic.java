package org.borderpulse.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * How busy a post is at a post-local hour, relative to an ordinary 2019 weekday average (1.0):
 * the clock (night low, morning and evening peaks), the week, holiday peaks, and the years —
 * growth, the 2020–2021 collapse and the recovery border traffic really went through.
 */
final class Traffic {
  private static final double[] AIR_HOURS = {0.35, 0.25, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.6, 1.5, 1.3, 1.2,
      1.2, 1.25, 1.3, 1.3, 1.4, 1.5, 1.5, 1.4, 1.3, 1.1, 0.8, 0.5};
  private static final double[] LAND_HOURS = {0.05, 0.03, 0.02, 0.02, 0.05, 0.3, 1.0, 1.6, 1.8, 1.7, 1.5, 1.4,
      1.3, 1.4, 1.5, 1.7, 1.8, 1.6, 1.3, 1.0, 0.7, 0.4, 0.2, 0.1};
  private static final double[] SEA_HOURS = {0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2.0, 1.8, 1.4, 1.2,
      1.0, 1.2, 1.6, 1.9, 1.7, 1.3, 1.0, 0.6, 0.3, 0.15, 0.1, 0.05};

  private Traffic() {}

  static double factor(String kind, LocalDate day, int hour) {
    double[] curve = switch (kind) {
      case "land" -> LAND_HOURS;
      case "sea" -> SEA_HOURS;
      default -> AIR_HOURS;
    };
    return curve[hour] * weekly(day.getDayOfWeek(), kind) * holiday(day) * years(day);
  }

  private static double weekly(DayOfWeek d, String kind) {
    boolean weekend = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    if ("land".equals(kind)) {
      return weekend ? 1.3 : 0.95; // weekend shopping and family trips across land borders
    }
    return d == DayOfWeek.FRIDAY || d == DayOfWeek.SUNDAY ? 1.15 : weekend ? 1.05 : 0.95;
  }

  /** Lunar New Year (late January–February), Songkran (mid-April), year-end holidays. */
  private static double holiday(LocalDate day) {
    MonthDay md = MonthDay.from(day);
    if (!md.isBefore(MonthDay.of(1, 25)) && !md.isAfter(MonthDay.of(2, 15))) {
      return 1.35;
    }
    if (!md.isBefore(MonthDay.of(4, 10)) && !md.isAfter(MonthDay.of(4, 18))) {
      return 1.5;
    }
    if (!md.isBefore(MonthDay.of(12, 20)) || !md.isAfter(MonthDay.of(1, 3))) {
      return 1.3;
    }
    return 1.0;
  }

  /** 2019 = 1.0; March 2020 collapse to a few percent; recovery through 2022–2023; growth after. */
  static double years(LocalDate day) {
    double t = day.getYear() + (day.getDayOfYear() - 1) / 365.0;
    if (t < 2020.15) {
      return 1.0 + 0.04 * (t - 2019);
    }
    if (t < 2020.25) {
      return 1.0 - 9.0 * (t - 2020.15); // the March 2020 collapse
    }
    if (t < 2022.0) {
      return 0.06 + 0.04 * (t - 2020.25); // closed borders, essential travel only
    }
    if (t < 2024.0) {
      return 0.13 + 0.435 * (t - 2022.0); // reopening and recovery
    }
    return 1.0 + 0.06 * (t - 2024.0); // back to 2019 levels and growing
  }
}
