package org.borderpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTest {
  /** The content hash as first defined (decision 003): stored hashes must keep matching it. */
  private static byte[] definedHash(Event e) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Object v : new Object[] {e.id(), e.type(), e.post(), e.workstation(), e.occurredAt().toInstant(), e.outcome(),
        e.documentType(), e.issuingCountry(), e.nationality(), e.fraudType(), e.documentHash(), e.direction(),
        e.reason(), e.persons(), e.count(), e.periodMinutes()}) {
      sb.append(v == null ? "\u0000" : v.toString()).append('\u001f');
    }
    return MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void contentHashKeepsItsDefinedFormat() throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    int[] nanos = {0, 1, 999_999_999, 5_000_000, 123_000, 100_000_000, 120_000_000, 7};
    for (int i = 0; i < 20_000; i++) {
      long seconds = rnd.nextLong(-2_000_000_000L, 260_000_000_000L);
      int nano = i < nanos.length * 100 ? nanos[i % nanos.length] : rnd.nextInt(1_000_000_000);
      OffsetDateTime at = Instant.ofEpochSecond(seconds, nano)
          .atOffset(ZoneOffset.ofTotalSeconds(rnd.nextInt(-12, 15) * 3600));
      Event e = i % 2 == 0
          ? new Event("id-" + i, "document_check", "THA-BKK", "THA-BKK-P01", at, LocalDate.of(2022, 5, 3), 10, "genuine",
              "passport", "THA", i % 3 == 0 ? null : "MMR", null, "ab12cd34ef56ab78", null, null, null, null, null)
          : new Event("id-" + i, "crossing_count", "THA-BKK", null, at, LocalDate.of(2022, 5, 3), 10, null, null, null,
              null, null, null, "entry", null, null, i, 60);
      assertArrayEquals(definedHash(e), e.contentHash(), at.toString());
      StringBuilder sb = new StringBuilder();
      Event.appendInstant(sb, at);
      assertEquals(at.toInstant().toString(), sb.toString());
    }
  }
}
