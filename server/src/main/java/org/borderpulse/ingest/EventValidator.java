package org.borderpulse.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.borderpulse.catalog.Countries;
import org.borderpulse.catalog.Post;
import org.borderpulse.http.Problems;

/**
 * Checks raw events against the ingest contract and the known posts, and normalises them.
 * Every problem of every event is collected, so one answer tells a post all it must fix.
 */
public final class EventValidator {
  private static final String DIGITS = "0123456789";
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final boolean[] ID_CHARS = table(LETTERS + DIGITS + "._:-");
  private static final boolean[] HEX_CHARS = table(DIGITS + "abcdefABCDEF");
  /** 1–64 characters of {@code [A-Za-z0-9._:-]}. */
  static final Predicate<String> ID = s -> s.length() <= 64 && every(s, ID_CHARS);
  /** 16–128 hex digits. */
  static final Predicate<String> HASH = s -> s.length() >= 16 && s.length() <= 128 && every(s, HEX_CHARS);
  /** 1990-01-01T00:00:00Z: earlier times are refused. */
  private static final long EARLIEST_SECOND = OffsetDateTime.parse("1990-01-01T00:00:00Z").toEpochSecond();
  static final Duration MAX_FUTURE = Duration.ofMinutes(5);
  /** Per type, every field it may carry (common and its own), as a set: checked for every field of every event. */
  private static final Map<String, Set<String>> FIELDS = Vocabulary.TYPE_FIELDS.entrySet().stream()
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, t -> Stream.concat(
          Vocabulary.COMMON_FIELDS.stream(), t.getValue().stream()).collect(Collectors.toUnmodifiableSet())));

  private final Function<String, Optional<Post>> posts;
  private final Clock clock;

  public EventValidator(Function<String, Optional<Post>> posts, Clock clock) {
    this.posts = posts;
    this.clock = clock;
  }

  /** Validates one raw event; returns it normalised, or null after adding its problems to {@code errors}. */
  public Event validate(EventReader.Raw raw, JsonArray errors) {
    return validate(raw, errors, latest());
  }

  /** The latest {@code occurredAt} accepted now: read the clock once per batch, not per event. */
  public Instant latest() {
    return clock.instant().plus(MAX_FUTURE);
  }

  /** As {@link #validate(EventReader.Raw, JsonArray)}, with {@link #latest()} taken by the caller. */
  public Event validate(EventReader.Raw raw, JsonArray errors, Instant latest) {
    Check c = new Check(raw, errors);
    if (!(raw.value() instanceof JsonObject o)) {
      c.fail(null, "each event must be a JSON object");
      return null;
    }
    String id = c.text(o, "id", true, ID, "must be 1–64 characters of A-Z a-z 0-9 . _ : -");
    String type = c.oneOf(o, "type", true, Vocabulary.TYPES);
    String sentPost = c.text(o, "post", true, null, "must name a post");
    Post post = sentPost == null ? null : posts.apply(sentPost).orElse(null);
    if (sentPost != null && post == null) {
      c.fail("post", "unknown post '" + sentPost + "'; create it with PUT /api/v1/posts/" + sentPost);
    }
    // the catalog's own String from here on: its hash is computed once, not once per event
    String postId = post == null ? sentPost : post.id();
    String workstation = c.text(o, "workstation", "document_check".equals(type), null, "must name a workstation");
    if (workstation != null && post != null && !post.hasWorkstation(workstation)) {
      c.fail("workstation", "post '" + postId + "' has no workstation '" + workstation + "' (it has "
          + String.join(", ", post.workstationIds().stream().sorted().toList()) + ")");
    }
    OffsetDateTime occurredAt = occurredAt(o, c, latest);
    if (type != null) {
      Set<String> fields = FIELDS.get(type);
      for (String f : o.fieldNames()) {
        if (!fields.contains(f)) {
          c.fail(f, "unknown field for a " + type + "; it may carry "
              + String.join(", ", Vocabulary.TYPE_FIELDS.get(type)));
        }
      }
    }
    LocalDateTime local = occurredAt == null || post == null ? null
        : occurredAt.atZoneSameInstant(post.timeZone()).toLocalDateTime();
    Event e = switch (type == null ? "" : type) {
      case "document_check" -> documentCheck(o, c, id, postId, workstation, occurredAt, local);
      case "interception" -> interception(o, c, id, postId, workstation, occurredAt, local);
      case "crossing_count" -> crossingCount(o, c, id, postId, workstation, occurredAt, local);
      default -> null;
    };
    return c.failed ? null : e;
  }

  private Event documentCheck(JsonObject o, Check c, String id, String postId, String ws, OffsetDateTime at,
      LocalDateTime local) {
    String outcome = c.oneOf(o, "outcome", true, Vocabulary.OUTCOMES);
    String documentType = c.oneOf(o, "documentType", true, Vocabulary.DOCUMENT_TYPES);
    String issuing = c.country(o, "issuingCountry");
    String nationality = c.country(o, "nationality");
    String fraudType = c.oneOf(o, "fraudType", false, Vocabulary.FRAUD_TYPES);
    if (fraudType != null && "genuine".equals(outcome)) {
      c.fail("fraudType", "a genuine document has no fraudType; send it only with fraudulent_document or imposter");
    }
    String hash = c.text(o, "documentHash", false, HASH,
        "must be the hex keyed hash made at the post (16–128 hex digits), never the document number");
    return c.failed ? null : new Event(id, "document_check", postId, ws, at, local.toLocalDate(), local.getHour(),
        outcome, documentType, issuing, nationality, fraudType, hash == null ? null : hash.toLowerCase(), null, null,
        null, null, null);
  }

  private Event interception(JsonObject o, Check c, String id, String postId, String ws, OffsetDateTime at,
      LocalDateTime local) {
    String direction = c.oneOf(o, "direction", true, Vocabulary.DIRECTIONS);
    String reason = c.oneOf(o, "reason", true, Vocabulary.REASONS);
    String nationality = c.country(o, "nationality");
    Integer persons = c.integer(o, "persons", 1, Vocabulary.MAX_PERSONS, 1);
    return c.failed ? null : new Event(id, "interception", postId, ws, at, local.toLocalDate(), local.getHour(),
        null, null, null, nationality, null, null, direction, reason, persons, null, null);
  }

  private Event crossingCount(JsonObject o, Check c, String id, String postId, String ws, OffsetDateTime at,
      LocalDateTime local) {
    String direction = c.oneOf(o, "direction", true, Vocabulary.DIRECTIONS);
    Integer count = c.integer(o, "count", 0, Vocabulary.MAX_COUNT, null);
    if (count == null && !o.containsKey("count")) {
      c.fail("count", "is required: the number of travellers counted (0 or more)");
    }
    Integer period = c.integer(o, "periodMinutes", 1, 1440, 60);
    return c.failed ? null : new Event(id, "crossing_count", postId, ws, at, local.toLocalDate(), local.getHour(),
        null, null, null, null, null, null, direction, null, null, count, period);
  }

  private static OffsetDateTime occurredAt(JsonObject o, Check c, Instant latest) {
    Object v = value(o, "occurredAt");
    if (v == null) {
      c.fail("occurredAt", "is required: ISO-8601 with an offset, such as 2022-05-03T10:15:00+07:00");
      return null;
    }
    OffsetDateTime t;
    try {
      t = IsoTime.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      c.fail("occurredAt", "must be ISO-8601 with an offset, such as 2022-05-03T10:15:00+07:00");
      return null;
    }
    long second = t.toEpochSecond();
    if (second > latest.getEpochSecond() || (second == latest.getEpochSecond() && t.getNano() > latest.getNano())) {
      c.fail("occurredAt", "is more than 5 minutes in the future; check the post's clock");
      return null;
    }
    if (second < EARLIEST_SECOND) {
      c.fail("occurredAt", "is before 1990-01-01; check the post's clock");
      return null;
    }
    return t;
  }

  /**
   * A field's value as parsed (String, Integer, Long, Map, List …): the map itself, without
   * {@link JsonObject#getValue}'s wrapping of nested values, which are invalid here anyway.
   */
  private static Object value(JsonObject o, String field) {
    return o.getMap().get(field);
  }

  /** Character tests instead of regular expressions, by table: these run for every event. */
  private static boolean every(String s, boolean[] allowed) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= allowed.length || !allowed[c]) {
        return false;
      }
    }
    return true;
  }

  /** The ASCII characters {@code chars} names, as a table indexed by character. */
  private static boolean[] table(String chars) {
    boolean[] t = new boolean[128];
    chars.chars().forEach(c -> t[c] = true);
    return t;
  }

  /** Collects the problems of one event. */
  private static final class Check {
    private final EventReader.Raw raw;
    private final JsonArray errors;
    boolean failed;

    Check(EventReader.Raw raw, JsonArray errors) {
      this.raw = raw;
      this.errors = errors;
    }

    void fail(String field, String message) {
      failed = true;
      JsonObject e = Problems.error(raw.index(), field, message);
      if (raw.line() != null) {
        e.put("line", raw.line());
      }
      errors.add(e);
    }

    String text(JsonObject o, String field, boolean required, Predicate<String> valid, String rule) {
      Object v = value(o, field);
      if (v == null) {
        if (required) {
          fail(field, "is required");
        }
        return null;
      }
      if (!(v instanceof String s) || s.isEmpty() || (valid != null && !valid.test(s))
          || s.length() > 256) {
        fail(field, rule);
        return null;
      }
      return s;
    }

    String oneOf(JsonObject o, String field, boolean required, List<String> allowed) {
      Object v = value(o, field);
      if (v == null) {
        if (required) {
          fail(field, "is required: one of " + String.join(", ", allowed));
        }
        return null;
      }
      int i = v instanceof String s ? allowed.indexOf(s) : -1;
      if (i < 0) {
        fail(field, "must be one of " + String.join(", ", allowed));
        return null;
      }
      return allowed.get(i);
    }

    String country(JsonObject o, String field) {
      Object v = value(o, field);
      if (v == null) {
        return null;
      }
      String known = v instanceof String s ? Countries.canonical(s) : null;
      if (known == null) {
        fail(field, Countries.problem(v instanceof String s ? s : null));
      }
      return known;
    }

    Integer integer(JsonObject o, String field, int min, int max, Integer dflt) {
      Object v = value(o, field);
      if (v == null) {
        return dflt;
      }
      if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
          || ((Number) v).longValue() > max) {
        fail(field, "must be a whole number from " + min + " to " + max);
        return null;
      }
      return ((Number) v).intValue();
    }
  }
}
