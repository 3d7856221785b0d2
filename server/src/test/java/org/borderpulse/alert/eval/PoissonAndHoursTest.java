package org.borderpulse.alert.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The two pieces of arithmetic the evaluator relies on, against values worked out by hand. */
class PoissonAndHoursTest {
  /** P(X >= k) summed term by term, the slow obvious way. */
  private static double naiveTail(int k, double lambda) {
    double p = 0;
    double term = Math.exp(-lambda);
    for (int i = 0; i < k; i++) {
      p += term;
      term *= lambda / (i + 1);
    }
    return 1 - p;
  }

  @Test
  void poissonTailMatchesTheDirectSumAndStaysAccurateFarOut() {
    assertEquals(1.0, Poisson.upperTail(0, 3), 0);
    assertEquals(1 - Math.exp(-0.25), Poisson.upperTail(1, 0.25), 1e-15);
    for (int k = 1; k < 30; k++) {
      for (double lambda : new double[] {0.05, 0.25, 1, 4.5, 12}) {
        double expected = naiveTail(k, lambda);
        if (expected > 1e-9) {
          assertEquals(expected, Poisson.upperTail(k, lambda), expected * 1e-9 + 1e-15, k + " at " + lambda);
        }
      }
    }
    // far in the tail, where 1 - CDF would be 0 in doubles: P(X >= 40 | 2) = 2^40 e^-2 / 40! (1 + 2/41 + …)
    double far = Poisson.upperTail(40, 2);
    assertEquals(1.9172e-37, far, 0.0002e-37); // 1.8237e-37 × 1.05122
    assertEquals(0.5, Poisson.upperTail(10_000, 10_000), 0.01, "large counts: about half above the mean");
  }

  @Test
  void openMinutesCountOnlyOpeningHoursInThePostsZone() {
    OperatingHours bridge = new OperatingHours("06:00-22:00", ZoneId.of("Asia/Bangkok"));
    assertTrue(bridge.isOpen(Instant.parse("2025-06-02T03:00:00Z"))); // 10:00 local
    assertFalse(bridge.isOpen(Instant.parse("2025-06-02T16:00:00Z"))); // 23:00 local
    // 21:50 → 06:06 next day: 10 minutes before closing and 6 after opening
    assertEquals(16, bridge.openMinutes(Instant.parse("2025-06-02T14:50:00Z"), Instant.parse("2025-06-02T23:06:00Z"),
        1440));
    assertEquals(5, bridge.openMinutes(Instant.parse("2025-06-02T14:50:00Z"), Instant.parse("2025-06-02T23:06:00Z"), 5));
    OperatingHours night = new OperatingHours("22:00-06:00", ZoneId.of("UTC"));
    assertTrue(night.isOpen(Instant.parse("2025-06-02T23:30:00Z")));
    assertFalse(night.isOpen(Instant.parse("2025-06-02T12:00:00Z")));
    OperatingHours always = new OperatingHours(null, ZoneId.of("UTC"));
    assertEquals(90, always.openMinutes(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-06-02T01:30:00Z"),
        1440));
  }
}
