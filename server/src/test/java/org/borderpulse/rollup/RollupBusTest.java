package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupBusTest {
  private static final RollupBus.Rows ROWS = new RollupBus.Rows(List.of(
      new RollupRow(LocalDate.of(2024, 2, 29), "THA-BKK", RollupRow.DOCUMENT_CHECK, "THA-BKK-P01", "imposter",
          "passport", "counterfeit", "THA", "MMR", "", "", "", 3, 3, 2),
      new RollupRow(LocalDate.of(2024, 3, 1), "MYS-KUL", RollupRow.CROSSING_COUNT, "", "", "", "", "", "", "", "exit",
          "09", 120, 1, 7)));

  @Test
  void rowsGoByReferenceWithinTheNodeAndAsJsonBetweenNodes() {
    RollupBus.RowsCodec codec = new RollupBus.RowsCodec();
    assertSame(ROWS, codec.transform(ROWS));
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, ROWS);
    assertEquals(ROWS, codec.decodeFromWire("prefix".length(), wire));
  }
}
