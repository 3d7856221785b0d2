package org.borderpulse.sim;

import io.vertx.core.json.JsonArray;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.borderpulse.client.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a post's history, newest day first (recent quarters appear on the dashboards first),
 * in batches of about 1,000 events. Progress is remembered per post after each batch, so a
 * restart continues where it stopped; re-sent days are harmless duplicates.
 */
final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
  private static final int BATCH = 1000;

  private final Generator generator;
  private final SimState state;
  private final ApiClient client;
  private final Function<String, String> tokens;
  private final LocalDate from;
  private final AtomicLong sent;
  private final AtomicLong days;

  Backfill(Generator generator, SimState state, ApiClient client, Function<String, String> tokens, LocalDate from,
      AtomicLong sent, AtomicLong days) {
    this.generator = generator;
    this.state = state;
    this.client = client;
    this.tokens = tokens;
    this.from = from;
    this.sent = sent;
    this.days = days;
  }

  /** Days of history still to send for this post. */
  long remainingDays(SimPost p) {
    LocalDate next = nextDay(p);
    return next.isBefore(from) ? 0 : next.toEpochDay() - from.toEpochDay() + 1;
  }

  private LocalDate nextDay(SimPost p) {
    LocalDate done = state.backfilledDownTo(p.id());
    return done == null ? generator.liveDay(p).minusDays(1) : done.minusDays(1);
  }

  /** Sends this post's remaining history; returns false if stopped or the server refused. */
  boolean run(SimPost p, java.util.function.BooleanSupplier stop) throws InterruptedException {
    LocalDate day = nextDay(p);
    JsonArray batch = new JsonArray();
    while (!day.isBefore(from) && !stop.getAsBoolean()) {
      List<SimEvent> events = generator.day(p, day);
      events.forEach(e -> batch.add(e.json()));
      days.incrementAndGet();
      if (batch.size() >= BATCH || day.equals(from)) {
        if (!send(p, batch, stop)) {
          return false;
        }
        state.backfilledDownTo(p.id(), day);
        batch.clear();
      }
      day = day.minusDays(1);
    }
    return !stop.getAsBoolean();
  }

  private boolean send(SimPost p, JsonArray batch, java.util.function.BooleanSupplier stop)
      throws InterruptedException {
    if (batch.isEmpty()) {
      return true;
    }
    ApiClient.Answer a = client.sendEventsReliably(tokens.apply(p.id()), batch, Integer.MAX_VALUE, stop);
    if (!a.ok() && stop.getAsBoolean()) {
      return false;
    }
    if (!a.ok()) {
      LOG.error("{}: history batch refused, backfill of this post stops: {}", p.id(), ApiClient.describe(a));
      return false;
    }
    sent.addAndGet(batch.size());
    return true;
  }
}
