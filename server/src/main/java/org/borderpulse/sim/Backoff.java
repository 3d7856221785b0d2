package org.borderpulse.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again: exponential backoff with full jitter between {@code base} and {@code cap};
 * a server's {@code Retry-After} is a floor, never cut short (a little jitter is added on top so
 * posts that were told the same do not return in lockstep).
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier random;
  private int failures;

  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The wait before the next attempt, after one more failure. */
  public Duration next(Optional<Duration> retryAfter) {
    failures++;
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures - 1, 20));
    long jittered = (long) (random.getAsDouble() * ceiling);
    if (retryAfter.isPresent()) {
      long floor = retryAfter.get().toMillis();
      return Duration.ofMillis(floor + (long) (random.getAsDouble() * Math.min(1000, Math.max(100, floor / 10))));
    }
    return Duration.ofMillis(Math.max(jittered, base.toMillis() / 2));
  }

  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is treated as a short wait). */
  public static Optional<Duration> parseRetryAfter(Optional<String> header) {
    return header.map(h -> {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(h.trim())));
      } catch (NumberFormatException e) {
        return Duration.ofSeconds(5);
      }
    });
  }
}
