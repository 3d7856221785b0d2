package org.borderpulse.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One validated, normalised record from a post. Defaults are applied ({@code persons} 1,
 * {@code periodMinutes} 60), hashes are lower case, and {@code localDay} is the day in the
 * post's own time zone.
 */
public record Event(String id, String type, String post, String workstation, OffsetDateTime occurredAt,
    LocalDate localDay, String outcome, String documentType, String issuingCountry, String nationality,
    String fraudType, String documentHash, String direction, String reason, Integer persons, Integer count,
    Integer periodMinutes) {

  /**
   * SHA-256 over the normalised content: two sends of the same record hash the same (whatever
   * the offset the time was written in), a reused id with other content does not.
   */
  public byte[] contentHash() {
    StringBuilder sb = new StringBuilder(160);
    for (Object v : new Object[] {id, type, post, workstation, occurredAt.toInstant(), outcome, documentType,
        issuingCountry, nationality, fraudType, documentHash, direction, reason, persons, count, periodMinutes}) {
      sb.append(v == null ? "\u0000" : v.toString()).append('\u001f');
    }
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
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
