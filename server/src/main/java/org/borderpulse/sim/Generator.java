package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the events of one post for one post-local day or hour. A pure function of the
 * parameters: the same seed gives the same events with the same ids, so anything can be
 * generated again after a crash and re-sent harmlessly.
 *
 * <p>Days before the live start's day are history: documents at the history density. Crossing
 * counts are hourly from {@link #HOURLY_HISTORY_DAYS} days before that day (so the recent
 * quarters have crossings by hour); earlier days have one count per direction for the whole
 * day, as posts without hourly counters send. From the live start's day on, documents follow
 * the live rate from the live start.
 */
public final class Generator {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final double DOCUMENT_SHARE_OF_LIVE = 0.9;
  private static final double SECONDARY_REFERRAL = 0.15;
  /** History days before the live start's day that still have hourly crossing counts. */
  public static final int HOURLY_HISTORY_DAYS = 120;

  private final SimParams params;
  private final Incidents incidents;
  private final double totalSize;

  public Generator(SimParams params, List<SimPost> posts) {
    this.params = params;
    this.incidents = new Incidents(params, posts);
    this.totalSize = posts.stream().mapToDouble(SimPost::size).sum();
  }

  public Incidents incidents() { return incidents; }

  /** The post-local day the live part starts on; earlier days are history. */
  public LocalDate liveDay(SimPost p) {
    return params.liveStart().atZone(p.post().timeZone()).toLocalDate();
  }

  /** All events of a post-local day, sorted by release time. */
  public List<SimEvent> day(SimPost p, LocalDate day) {
    List<SimEvent> out = new ArrayList<>();
    boolean daily = day.isBefore(liveDay(p).minusDays(HOURLY_HISTORY_DAYS));
    long[] travellers = new long[2];
    for (int h = 0; h < 24; h++) {
      out.addAll(documentsAndInterceptions(p, day, h));
      if (daily) {
        long[] hour = crossings(p, day, h);
        travellers[0] += hour[0];
        travellers[1] += hour[1];
      } else {
        out.addAll(hourlyCounts(p, day, h));
      }
    }
    if (daily) {
      ZonedDateTime start = day.atStartOfDay(p.post().timeZone());
      Instant end = start.plusDays(1).toInstant();
      out.add(count(p, start, "entry", travellers[0], 1440, id(p, day, -1, "ce"), end));
      out.add(count(p, start, "exit", travellers[1], 1440, id(p, day, -1, "cx"), end));
    }
    out.sort(Comparator.comparing(SimEvent::releaseAt).thenComparing(SimEvent::id));
    return out;
  }

  /**
   * The events of one post-local hour of a live day: documents, interceptions and the hour's
   * crossing counts (released when the hour ends).
   */
  public List<SimEvent> hour(SimPost p, LocalDate day, int h) {
    List<SimEvent> out = new ArrayList<>(documentsAndInterceptions(p, day, h));
    out.addAll(hourlyCounts(p, day, h));
    out.sort(Comparator.comparing(SimEvent::releaseAt).thenComparing(SimEvent::id));
    return out;
  }

  private List<SimEvent> hourlyCounts(SimPost p, LocalDate day, int h) {
    if (!open(p, h)) {
      return List.of();
    }
    long[] c = crossings(p, day, h);
    ZonedDateTime start = day.atTime(h, 0).atZone(p.post().timeZone());
    Instant end = start.plusHours(1).toInstant();
    return List.of(count(p, start, "entry", c[0], 60, id(p, day, h, "ce"), end),
        count(p, start, "exit", c[1], 60, id(p, day, h, "cx"), end));
  }

  /**
   * Documents and interceptions of one hour. Before the live start they follow the history
   * density, from it the live rate; an hour that straddles the live start has both parts.
   */
  private List<SimEvent> documentsAndInterceptions(SimPost p, LocalDate day, int h) {
    if (!open(p, h)) {
      return List.of();
    }
    ZonedDateTime hourStart = day.atTime(h, 0).atZone(p.post().timeZone());
    Instant from = hourStart.toInstant();
    Instant to = from.plusSeconds(3600);
    Instant live = params.liveStart();
    List<SimEvent> out = new ArrayList<>();
    if (from.isBefore(live)) {
      out.addAll(part(p, day, h, false, from, to.isAfter(live) ? live : to));
    }
    if (to.isAfter(live)) {
      out.addAll(part(p, day, h, true, from.isBefore(live) ? live : from, to));
    }
    return out;
  }

  private List<SimEvent> part(SimPost p, LocalDate day, int h, boolean live, Instant from, Instant to) {
    double perDay = live ? params.livePerSecond() * 86_400 * DOCUMENT_SHARE_OF_LIVE : params.historyPerDay();
    double seconds = to.getEpochSecond() - from.getEpochSecond();
    double lambda = perDay / 86_400 * seconds * (p.size() / totalSize) * Traffic.factor(p.post().kind(), day, h);
    SplittableRandom rnd = random(p, from.getEpochSecond() / 3600, live ? 1 : 0);
    String suffix = live ? "-" + params.rateTag() : "";
    List<SimEvent> out = new ArrayList<>();
    int docs = poisson(rnd, lambda);
    for (int k = 0; k < docs; k++) {
      Instant at = from.plusSeconds((long) (rnd.nextDouble() * seconds));
      out.add(documentCheck(p, rnd, at, live, id(p, day, h, "d" + k + suffix), k));
    }
    int interceptions = poisson(rnd, lambda * 0.025);
    for (int k = 0; k < interceptions; k++) {
      Instant at = from.plusSeconds((long) (rnd.nextDouble() * seconds));
      out.add(interception(p, rnd, at, id(p, day, h, "i" + k + suffix)));
    }
    return out;
  }

  private SimEvent documentCheck(SimPost p, SplittableRandom rnd, Instant at, boolean live, String id, int k) {
    boolean secondLine = !p.secondary().isEmpty() && rnd.nextDouble() < SECONDARY_REFERRAL;
    String ws = secondLine ? p.secondary().get(rnd.nextInt(p.secondary().size()))
        : p.primary().get(rnd.nextInt(p.primary().size()));
    LocalDate day = at.atZone(p.post().timeZone()).toLocalDate();
    double year = day.getYear() + day.getDayOfYear() / 365.0;
    double fraudP = (secondLine ? 0.11 : 0.003) * (0.85 + 0.05 * (year - 2019)) * incidents.fraudBoost(p.id(), at);
    boolean fraud = rnd.nextDouble() < Math.min(0.9, fraudP);
    double imposterShare = Math.min(0.6, 0.25 + 0.03 * (year - 2019));
    String outcome = !fraud ? "genuine" : rnd.nextDouble() < imposterShare ? "imposter" : "fraudulent_document";
    String nationality = Vocab.nationalities(p.post().country()).draw(rnd);
    JsonObject e = base(id, "document_check", p, at).put("workstation", ws).put("outcome", outcome)
        .put("documentType", (fraud ? Vocab.FRAUD_DOCUMENT_TYPES : Vocab.DOCUMENT_TYPES).draw(rnd))
        .put("nationality", nationality)
        .put("issuingCountry", "fraudulent_document".equals(outcome) && rnd.nextDouble() < 0.3
            ? Vocab.nationalities(p.post().country()).draw(rnd) : nationality);
    if ("imposter".equals(outcome)) {
      e.put("fraudType", rnd.nextDouble() < 0.8 ? "lookalike" : "pseudo");
    } else if (fraud) {
      e.put("fraudType", Vocab.FRAUD_TYPES.draw(rnd));
    }
    if (live) {
      e.put("documentHash", incidents.alertListRun(p.id(), at) && rnd.nextDouble() < 0.3
          ? incidents.alertListHash(k) : randomHash(rnd));
    }
    return new SimEvent(at, e);
  }

  private SimEvent interception(SimPost p, SplittableRandom rnd, Instant at, String id) {
    double r = rnd.nextDouble();
    JsonObject e = base(id, "interception", p, at).put("direction", rnd.nextDouble() < 0.85 ? "entry" : "exit")
        .put("reason", Vocab.REASONS.draw(rnd))
        .put("nationality", Vocab.nationalities(p.post().country()).draw(rnd))
        .put("persons", r < 0.88 ? 1 : r < 0.97 ? 2 : 3 + rnd.nextInt(4));
    if (!p.secondary().isEmpty()) {
      e.put("workstation", p.secondary().get(rnd.nextInt(p.secondary().size())));
    }
    return new SimEvent(at, e);
  }

  /** Travellers in and out during one hour. */
  private long[] crossings(SimPost p, LocalDate day, int h) {
    if (!open(p, h)) {
      return new long[2];
    }
    SplittableRandom rnd = random(p, day.atTime(h, 0).atZone(p.post().timeZone()).toEpochSecond() / 3600, 2);
    double mean = p.travellersPerHour() * Traffic.factor(p.post().kind(), day, h);
    long in = Math.max(0, Math.round(mean * (0.9 + 0.2 * rnd.nextDouble())));
    long out = Math.max(0, Math.round(mean * (0.87 + 0.2 * rnd.nextDouble())));
    return new long[] {in, out};
  }

  private static SimEvent count(SimPost p, ZonedDateTime start, String direction, long count, int minutes, String id,
      Instant releaseAt) {
    return new SimEvent(releaseAt, base(id, "crossing_count", p, start.toInstant()).put("direction", direction)
        .put("count", count).put("periodMinutes", minutes));
  }

  private static JsonObject base(String id, String type, SimPost p, Instant at) {
    return new JsonObject().put("id", id).put("type", type).put("post", p.id())
        .put("occurredAt", at.atZone(p.post().timeZone()).toOffsetDateTime().toString());
  }

  private static String id(SimPost p, LocalDate day, int hour, String tail) {
    return p.id() + "-" + day.format(DAY) + (hour < 0 ? "" : "-" + (hour < 10 ? "0" : "") + hour) + "-" + tail;
  }

  /** Is the post open during local hour {@code h}? Posts without hours never close. */
  static boolean open(SimPost p, int h) {
    String hours = p.post().operatingHours();
    if (hours == null) {
      return true;
    }
    LocalTime from = LocalTime.parse(hours.substring(0, 5));
    String to = hours.substring(6);
    int close = to.equals("24:00") ? 24 * 60 : LocalTime.parse(to).toSecondOfDay() / 60;
    int open = from.toSecondOfDay() / 60;
    int minute = h * 60;
    return open <= close ? minute >= open && minute < close : minute >= open || minute < close;
  }

  private SplittableRandom random(SimPost p, long hourIndex, int stream) {
    long x = params.seed() * 0x9E3779B97F4A7C15L ^ p.id().hashCode() * 0xC2B2AE3D27D4EB4FL
        ^ hourIndex * 0x165667B19E3779F9L ^ stream * 0x27D4EB2F165667C5L;
    return new SplittableRandom(x);
  }

  private static String randomHash(SplittableRandom rnd) {
    byte[] b = new byte[16];
    for (int i = 0; i < b.length; i += 8) {
      long v = rnd.nextLong();
      for (int j = 0; j < 8; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return HexFormat.of().formatHex(b);
  }

  static int poisson(SplittableRandom rnd, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rnd)));
    }
    double l = Math.exp(-lambda);
    double prod = rnd.nextDouble();
    int n = 0;
    while (prod > l) {
      prod *= rnd.nextDouble();
      n++;
    }
    return n;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = Math.max(rnd.nextDouble(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
