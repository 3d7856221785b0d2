package org.borderpulse.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One validated, normalised record from a post. Defaults are applied ({@code persons} 1,
 * {@code periodMinutes} 60), hashes are lower case, and {@code localDay} and {@code localHour} are the day and the hour (0–23) in
 * the post's own time zone.
 */
public record Event(String id, String type, String post, String workstation, OffsetDateTime occurredAt,
    LocalDate localDay, int localHour, String outcome, String documentType, String issuingCountry, String nationality,
    String fraudType, String documentHash, String direction, String reason, Integer persons, Integer count,
    Integer periodMinutes) {

  /**
   * SHA-256 over the normalised content: two sends of the same record hash the same (whatever
   * the offset the time was written in), a reused id with other content does not.
   */
  public byte[] contentHash() {
    StringBuilder sb = new StringBuilder(192);
    field(sb, id);
    field(sb, type);
    field(sb, post);
    field(sb, workstation);
    appendInstant(sb, occurredAt);
    sb.append(FIELD_END);
    for (Object v : new Object[] {outcome, documentType, issuingCountry, nationality, fraudType, documentHash,
        direction, reason, persons, count, periodMinutes}) {
      field(sb, v);
    }
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha.digest(bytes(sb));
  }

  /**
   * The UTF-8 bytes of the text. Validated fields are ASCII, so they are copied char by char
   * (no intermediate String); anything else goes through the encoder.
   */
  private static byte[] bytes(CharSequence text) {
    int n = text.length();
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
      }
      b[i] = (byte) c;
    }
    return b;
  }

  private static final char FIELD_END = '\u001f';
  private static final String ABSENT = "\u0000";
  /** 1970-01-01 and 10000-01-01 in epoch seconds: where {@link #appendInstant} writes what Instant.toString does. */
  private static final long FAST_FROM = 0, FAST_UNTIL = 253_402_300_800L;
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000};

  private static void field(StringBuilder sb, Object v) {
    sb.append(v == null ? ABSENT : v.toString()).append(FIELD_END);
  }

  /**
   * Exactly {@code at.toInstant().toString()} (ISO_INSTANT: seconds always, a fraction of 3, 6
   * or 9 digits when there is one), written without a formatter for years 1970–9999.
   */
  static void appendInstant(StringBuilder sb, OffsetDateTime at) {
    long seconds = at.toEpochSecond();
    if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
      sb.append(at.toInstant());
      return;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    digits(sb, t.getYear(), 4).append('-');
    digits(sb, t.getMonthValue(), 2).append('-');
    digits(sb, t.getDayOfMonth(), 2).append('T');
    digits(sb, t.getHour(), 2).append(':');
    digits(sb, t.getMinute(), 2).append(':');
    digits(sb, t.getSecond(), 2);
    int nano = at.getNano();
    if (nano > 0) {
      sb.append('.');
      if (nano % 1_000_000 == 0) {
        digits(sb, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(sb, nano / 1_000, 6);
      } else {
        digits(sb, nano, 9);
      }
    }
    sb.append('Z');
  }

  private static StringBuilder digits(StringBuilder sb, int value, int width) {
    for (int d = width - 1; d >= 0; d--) {
      sb.append((char) ('0' + value / POWERS_OF_TEN[d] % 10));
    }
    return sb;
  }

  /** One digest per thread: getInstance is a provider lookup on every call. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
}
