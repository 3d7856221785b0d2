package org.borderpulse.live;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.borderpulse.auth.Principal;
import org.borderpulse.auth.Tokens;

/**
 * Single-use tickets for browsers that cannot set an Authorization header on a WebSocket:
 * valid 60 s, redeemed once. Held by this node (a ticket is used right after it is issued).
 */
public final class Tickets {
  public static final int VALID_SECONDS = 60;
  private static final int MAX_OUTSTANDING = 100_000;
  private final ConcurrentHashMap<String, Entry> tickets = new ConcurrentHashMap<>();
  private final Clock clock;

  private record Entry(Principal principal, Instant expires) {}

  public Tickets(Clock clock) {
    this.clock = clock;
  }

  public String issue(Principal who) {
    Instant now = clock.instant();
    tickets.values().removeIf(e -> e.expires().isBefore(now));
    if (tickets.size() >= MAX_OUTSTANDING) {
      throw new IllegalStateException("too many outstanding tickets");
    }
    String t = Tokens.generate("bpt_");
    tickets.put(t, new Entry(who, now.plusSeconds(VALID_SECONDS)));
    return t;
  }

  /** The ticket's principal, once; empty when unknown, used or expired. */
  public Optional<Principal> redeem(String ticket) {
    Entry e = tickets.remove(ticket);
    return e == null || e.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(e.principal());
  }
}
