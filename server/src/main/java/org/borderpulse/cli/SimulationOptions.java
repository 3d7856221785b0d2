package org.borderpulse.cli;

import java.time.LocalDate;
import org.borderpulse.sim.SimParams;
import picocli.CommandLine.Option;

/** What the simulated network does: shared by {@code demo} and {@code simulate}. */
public final class SimulationOptions {
  @Option(names = "--rate", paramLabel = "N", description = "live events per second across the network (default 2)")
  double rate = SimParams.DEFAULT_RATE;

  @Option(names = "--seed", paramLabel = "N", description = "random seed: the same seed gives the same events and ids (default 42)")
  long seed = 42;

  @Option(names = "--history-per-day", paramLabel = "N",
      description = "document checks per day across the network in the history, at 2019 traffic (default 700)")
  double historyPerDay = SimParams.DEFAULT_HISTORY_PER_DAY;

  @Option(names = "--no-incidents", description = "no staged fraud burst, link outage or alert-list matches")
  boolean noIncidents;

  void check() {
    if (rate <= 0 || rate > 10_000) {
      throw new IllegalArgumentException("--rate must be above 0 and at most 10000 events/s");
    }
    if (historyPerDay < 0) {
      throw new IllegalArgumentException("--history-per-day must not be negative");
    }
  }

  static LocalDate parseDay(String value) {
    try {
      return LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("dates are YYYY-MM-DD, got '" + value + "'");
    }
  }
}
