package org.borderpulse.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use codes that stand for a principal for a short while: WebSocket tickets (browsers
 * cannot set an Authorization header on a WebSocket) and one-click sign-in links. Held by
 * this node: a code is used right after it is issued.
 */
public final class OneTimeCodes {
  private static final int MAX_OUTSTANDING = 100_000;
  private final ConcurrentHashMap<String, Entry> tickets = new ConcurrentHashMap<>();
  private final Clock clock;
  private final String prefix;
  private final int validSeconds;

  private record Entry(Principal principal, Instant expires) {}

  public OneTimeCodes(Clock clock, String prefix, int validSeconds) {
    this.clock = clock;
    this.prefix = prefix;
    this.validSeconds = validSeconds;
  }

  public int validSeconds() {
    return validSeconds;
  }

  public String issue(Principal who) {
    Instant now = clock.instant();
    tickets.values().removeIf(e -> e.expires().isBefore(now));
    if (tickets.size() >= MAX_OUTSTANDING) {
      throw new IllegalStateException("too many outstanding codes");
    }
    String t = Tokens.generate(prefix);
    tickets.put(t, new Entry(who, now.plusSeconds(validSeconds)));
    return t;
  }

  /** The ticket's principal, once; empty when unknown, used or expired. */
  public Optional<Principal> redeem(String ticket) {
    Entry e = tickets.remove(ticket);
    return e == null || e.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(e.principal());
  }
}
