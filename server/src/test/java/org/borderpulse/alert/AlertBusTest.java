package org.borderpulse.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.borderpulse.ingest.Event;
import org.junit.jupiter.api.Test;

class AlertBusTest {
  private static final AlertBus.Batch BATCH = new AlertBus.Batch(42, 2, List.of(
      new Event("a-1", "document_check", "THA-BKK", "THA-BKK-S01", OffsetDateTime.parse("2026-11-22T09:30:00.125+07:00"),
          LocalDate.of(2026, 11, 22), 9, "imposter", "passport", "THA", "MMR", "lookalike", "ab12cd34ef56ab78", null,
          null, null, null, null),
      new Event("a-2", "crossing_count", "MYS-KUL", null, OffsetDateTime.parse("2026-11-22T01:00:00Z"),
          LocalDate.of(2026, 11, 22), 9, null, null, null, null, null, null, "exit", null, null, 120, 60)));

  @Test
  void batchesGoByReferenceWithinTheNodeAndAsJsonBetweenNodes() {
    AlertBus.BatchCodec codec = new AlertBus.BatchCodec();
    assertSame(BATCH, codec.transform(BATCH));
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, BATCH);
    assertEquals(BATCH, codec.decodeFromWire("prefix".length(), wire));
  }
}
