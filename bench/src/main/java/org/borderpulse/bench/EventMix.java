package org.borderpulse.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.borderpulse.ingest.Event;

/**
 * A reproducible, realistic mix for post THA-BKK: about 85% document checks (some 2.5% of them
 * fraud cases, mostly found at the second-line desks), 5% interceptions and 10% hourly crossing
 * counts. Batches follow each other in time, as a post's batches do, and together span
 * 2019–2025 (or, for a live-like density, the last days of 2025). Events are built as the server would normalise them, so the same record gives the
 * JSON to send and the row COPY loads.
 */
final class EventMix {
  static final String POST = "THA-BKK";
  static final ZoneId ZONE = ZoneId.of("Asia/Bangkok");
  private static final long FROM = OffsetDateTime.parse("2019-01-01T00:00:00+07:00").toEpochSecond();
  private static final long TO = OffsetDateTime.parse("2026-01-01T00:00:00+07:00").toEpochSecond();
  private static final long DAY = 86_400;

  private static final String[] PRIMARY = desks("P0", 8);
  private static final String[] SECOND = desks("S0", 2);
  /** Nationalities weighted by repetition: mostly Thai and neighbours, then long-haul visitors. */
  private static final String[] NATIONALITIES = ("THA THA THA THA THA THA CHN CHN CHN MMR MMR LAO KHM VNM MYS MYS "
      + "IND IND JPN KOR KOR RUS GBR USA DEU FRA AUS SGP IDN PHL NLD ITA SWE ISR TWN HKG").split(" ");
  private static final String[] DOCUMENT_TYPES = weighted("passport", 80, "id_card", 8, "visa", 7,
      "residence_permit", 3, "travel_document", 2);
  private static final String[] DOCUMENT_FRAUD = {"counterfeit", "forged", "fraudulently_obtained", "stolen_blank",
      "pseudo"};
  private static final String[] REASONS = weighted("no_valid_document", 12, "false_document", 10, "no_visa", 20,
      "false_visa", 6, "no_justification", 14, "stay_exceeded", 8, "insufficient_means", 6, "alert_issued", 8,
      "threat", 1, "smuggling", 3, "trafficking", 2, "overstay", 8, "other", 2);

  private EventMix() {}

  /** Batch {@code batch} of {@code batches} spread over 2019–2025. */
  static List<Event> batch(String prefix, int batch, int batches, int size, long seed) {
    return batch(prefix, batch, batches, size, seed, 0);
  }

  /**
   * Batch {@code batch} of {@code batches}: {@code size} events with ids {@code prefix-NNNNNNNNN},
   * timed within the batch's slice of 2019–2025, or of the last {@code days} days of 2025 when
   * {@code days} is positive.
   */
  static List<Event> batch(String prefix, int batch, int batches, int size, long seed, int days) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + batch);
    long from = days > 0 ? TO - days * DAY : FROM;
    long span = (TO - from) / batches;
    long start = from + span * batch;
    List<Event> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String id = String.format("%s-%09d", prefix, (long) batch * size + i);
      OffsetDateTime at = Instant.ofEpochSecond(start + rnd.nextLong(Math.max(1, span))).atZone(ZONE)
          .toOffsetDateTime();
      int kind = rnd.nextInt(100);
      out.add(kind < 85 ? documentCheck(rnd, id, at) : kind < 90 ? interception(rnd, id, at) : crossingCount(rnd, id, at));
    }
    return out;
  }

  private static Event documentCheck(SplittableRandom rnd, String id, OffsetDateTime at) {
    int o = rnd.nextInt(1000);
    String outcome = o < 975 ? "genuine" : o < 993 ? "fraudulent_document" : "imposter";
    boolean fraud = !outcome.equals("genuine");
    boolean referred = (fraud && rnd.nextInt(10) < 7) || rnd.nextInt(100) < 8;
    String desk = pick(rnd, referred ? SECOND : PRIMARY);
    String nationality = pick(rnd, NATIONALITIES);
    String issuing = rnd.nextInt(100) < 95 ? nationality : pick(rnd, NATIONALITIES);
    String fraudType = !fraud ? null : outcome.equals("imposter") ? "lookalike" : pick(rnd, DOCUMENT_FRAUD);
    String hash = rnd.nextInt(100) < 40 ? hex(rnd, 32) : null;
    return new Event(id, "document_check", POST, desk, at, day(at), hour(at), outcome, pick(rnd, DOCUMENT_TYPES),
        issuing, nationality, fraudType, hash, null, null, null, null, null);
  }

  private static Event interception(SplittableRandom rnd, String id, OffsetDateTime at) {
    String direction = rnd.nextInt(100) < 85 ? "entry" : "exit";
    String desk = rnd.nextBoolean() ? pick(rnd, SECOND) : null;
    int persons = rnd.nextInt(10) < 9 ? 1 : 2 + rnd.nextInt(3);
    return new Event(id, "interception", POST, desk, at, day(at), hour(at), null, null, null,
        pick(rnd, NATIONALITIES), null, null, direction, pick(rnd, REASONS), persons, null, null);
  }

  private static Event crossingCount(SplittableRandom rnd, String id, OffsetDateTime at) {
    String direction = rnd.nextBoolean() ? "entry" : "exit";
    return new Event(id, "crossing_count", POST, null, at, day(at), hour(at), null, null, null, null, null,
        null, direction, null, null, 50 + rnd.nextInt(2950), 60);
  }

  private static java.time.LocalDate day(OffsetDateTime at) {
    return at.atZoneSameInstant(ZONE).toLocalDate();
  }

  private static int hour(OffsetDateTime at) {
    return at.atZoneSameInstant(ZONE).getHour();
  }

  private static String pick(SplittableRandom rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private static String hex(SplittableRandom rnd, int bytes) {
    StringBuilder sb = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16)).append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static String[] desks(String kind, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = POST + "-" + kind + (i + 1);
    }
    return out;
  }

  /** Pairs of value and weight, expanded so a uniform pick follows the weights. */
  private static String[] weighted(Object... pairs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      for (int w = 0; w < (Integer) pairs[i + 1]; w++) {
        out.add((String) pairs[i]);
      }
    }
    return out.toArray(String[]::new);
  }
}
