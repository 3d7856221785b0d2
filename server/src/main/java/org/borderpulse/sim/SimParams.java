package org.borderpulse.sim;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a simulation is: its seed, when its live part began (earlier hours are history), the
 * history density and the live rate. Together with the posts these fix every event and id.
 *
 * @param historyPerDay document checks per day across the network in history, at 2019 traffic
 * @param livePerSecond events per second across the network once live
 */
public record SimParams(long seed, Instant liveStart, LocalDate backfillFrom, double historyPerDay,
    double livePerSecond, boolean incidents) {

  public static final double DEFAULT_HISTORY_PER_DAY = 700;
  public static final double DEFAULT_RATE = 2;

  /** Tag in live ids: a restart with another rate never reuses an id for other content. */
  String rateTag() {
    return "r" + (livePerSecond == Math.rint(livePerSecond) ? String.valueOf((long) livePerSecond)
        : String.valueOf(livePerSecond).replace('.', '_'));
  }
}
