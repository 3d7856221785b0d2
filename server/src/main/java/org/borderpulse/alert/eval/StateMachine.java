package org.borderpulse.alert.eval;

import java.time.Duration;
import java.time.Instant;

/**
 * normal → pending → firing → resolved. {@code for}: how long a condition must hold before
 * firing; {@code keepFiringFor}: how long a firing alert stays firing after its condition
 * cleared. Pure: returns the next instance, or null when the state stays.
 */
final class StateMachine {
  private StateMachine() {}

  static Instance next(Instance cur, boolean active, Duration forDuration, Duration keepFiringFor, Instant now) {
    switch (cur.state) {
      case "normal", "resolved" -> {
        if (!active) {
          return null;
        }
        Instance n = cur.copy();
        n.episode = cur.episode + 1;
        n.pendingSince = now;
        n.lastTrueAt = now;
        n.stateSince = now;
        n.resolvedAt = null;
        if (forDuration.isZero()) {
          n.state = "firing";
          n.firingSince = now;
        } else {
          n.state = "pending";
          n.firingSince = null;
        }
        return n;
      }
      case "pending" -> {
        Instance n = cur.copy();
        if (!active) {
          n.state = "normal";
          n.stateSince = now;
          n.pendingSince = null;
          return n;
        }
        if (!now.isBefore(cur.pendingSince.plus(forDuration))) {
          n.state = "firing";
          n.firingSince = now;
          n.stateSince = now;
          n.lastTrueAt = now;
          return n;
        }
        return null;
      }
      default -> {
        if (active) {
          return null;
        }
        Instant lastTrue = cur.lastTrueAt == null ? cur.stateSince : cur.lastTrueAt;
        if (!now.isBefore(lastTrue.plus(keepFiringFor))) {
          Instance n = cur.copy();
          n.state = "resolved";
          n.resolvedAt = now;
          n.stateSince = now;
          return n;
        }
        return null;
      }
    }
  }
}
