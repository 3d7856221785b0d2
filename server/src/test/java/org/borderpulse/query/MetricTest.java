package org.borderpulse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MetricTest {
  @Test
  void derivedMetricsFollowTheirDefinitions() {
    // scanned, genuine, fraudulent documents, imposters, interceptions, entries, exits
    long[] s = {1000, 970, 20, 10, 45, 30_000, 15_000};
    assertEquals(30L, Metric.FRAUD_CASES.value(s, 0));
    assertEquals(0.03, Metric.FRAUD_RATE.value(s, 0));
    assertEquals(45_000L, Metric.CROSSINGS.value(s, 0));
    assertEquals(10.0, Metric.INTERCEPTIONS_PER_10K_CROSSINGS.value(s, 0));
    assertNull(Metric.FRAUD_RATE.value(new long[7], 0), "no scans: no rate");
    assertNull(Metric.INTERCEPTIONS_PER_10K_CROSSINGS.value(new long[7], 0));
  }

  @Test
  void periodLabelsAndPreviousPeriods() {
    assertEquals("2022-W09", Interval.WEEK.label(Interval.WEEK.start(LocalDate.of(2022, 3, 1))));
    assertEquals("2020-W53", Interval.WEEK.label(Interval.WEEK.start(LocalDate.of(2021, 1, 1))), "ISO week-year");
    assertEquals("2022-Q1", Interval.parse("2022-Q2").previous().label());
    assertEquals("2021-12", Interval.parse("2022-01").previous().label());
    assertEquals("2021-W52", Interval.parse("2022-W01").previous().label());
    assertEquals(LocalDate.of(2022, 1, 3), Interval.parse("2022-W01").start());
    assertEquals("2024-02-29", Interval.parse("2024-03-01").previous().label());
    Interval.Period range = new Interval.Period(null, LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 10));
    assertEquals("2022-02-19..2022-02-28", range.previous().label());
    assertNull(Interval.parse("2022-W54"));
    assertNull(Interval.parse("2022-13"));
  }
}
