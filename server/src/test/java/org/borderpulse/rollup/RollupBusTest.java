package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupBusTest {
  private static final RollupBus.Deltas DELTAS = new RollupBus.Deltas(7, List.of(
      new RollupStore.Delta(LocalDate.of(2024, 2, 29), "THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR|||",
          3, 3),
      new RollupStore.Delta(LocalDate.of(2024, 3, 1), "MYS-KUL|2||||||||exit|09", 120, 1)));

  @Test
  void deltasGoByReferenceWithinTheNodeAndAsJsonBetweenNodes() {
    RollupBus.DeltasCodec codec = new RollupBus.DeltasCodec();
    assertSame(DELTAS, codec.transform(DELTAS));
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, DELTAS);
    assertEquals(DELTAS, codec.decodeFromWire("prefix".length(), wire));
    assertEquals("09", DELTAS.deltas().get(1).row().hour());
    assertEquals(120, DELTAS.deltas().get(1).row().value());
  }
}
