package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockCellsTest {
  private static final String FRAUD = "THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR|||";
  private static final String COUNT = "THA-BKK|2||||||||exit|09";

  @Test
  void cellsAreSummedAndWrittenInKeyOrder() {
    BlockCells b = new BlockCells();
    b.add(FRAUD, 1, 1);
    b.add(COUNT, 120, 1);
    b.add(FRAUD, 2, 2);
    assertEquals(FRAUD + " 3 3;" + COUNT + " 120 1", b.text());
  }

  @Test
  void aStoredBlockReadsBackCellByCell() {
    List<String> cells = new ArrayList<>();
    BlockCells.parse(FRAUD + " 3 3;" + COUNT + " 120 1", (k, v, e) -> cells.add(k + "=" + v + "/" + e));
    assertEquals(List.of(FRAUD + "=3/3", COUNT + "=120/1"), cells);
    BlockCells.parse("", (k, v, e) -> cells.add("none"));
    assertEquals(2, cells.size());
  }

  @Test
  void partsOfABlockAddUp() {
    BlockCells merged = new BlockCells();
    merged.addStored(COUNT + " 30 1");
    merged.addStored(FRAUD + " 3 3;" + COUNT + " 120 1");
    assertEquals(FRAUD + " 3 3;" + COUNT + " 150 2", merged.text());
  }

  @Test
  void aDamagedCellIsReportedWithItsText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BlockCells.parse(FRAUD + " 3", (k, v, n) -> {}));
    assertEquals("a rollup cell is '<dimensions> <value> <events>': " + FRAUD + " 3", e.getMessage());
  }
}
