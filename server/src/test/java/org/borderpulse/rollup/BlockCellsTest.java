package org.borderpulse.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BlockCellsTest {
  private static final String FRAUD = "THA-BKK|0|THA-BKK-P01|imposter|passport|counterfeit|THA|MMR|||";
  private static final String COUNT = "THA-BKK|2||||||||exit|09";

  /** The cells of a stored text, whatever their order. */
  private static Set<String> cells(String stored) {
    Set<String> out = new TreeSet<>();
    BlockCells.parse(stored, (k, v, e) -> out.add(k + " " + v + " " + e));
    return out;
  }

  @Test
  void cellsOfOneKeyAreSummed() {
    BlockCells b = new BlockCells();
    b.add(FRAUD, 1, 1);
    b.add(COUNT, 120, 1);
    b.add(FRAUD, 2, 2);
    assertEquals(Set.of(FRAUD + " 3 3", COUNT + " 120 1"), cells(b.text()));
  }

  @Test
  void aStoredBlockReadsBackCellByCell() {
    List<String> read = new ArrayList<>();
    BlockCells.parse(FRAUD + " 3 3;" + COUNT + " 120 1", (k, v, e) -> read.add(k + "=" + v + "/" + e));
    assertEquals(List.of(FRAUD + "=3/3", COUNT + "=120/1"), read);
    BlockCells.parse("", (k, v, e) -> read.add("none"));
    assertEquals(2, read.size());
  }

  @Test
  void partsOfABlockAddUp() {
    BlockCells merged = new BlockCells();
    BlockCells.parse(COUNT + " 30 1", merged::add);
    BlockCells.parse(FRAUD + " 3 3;" + COUNT + " 120 1", merged::add);
    assertEquals(Set.of(FRAUD + " 3 3", COUNT + " 150 2"), cells(merged.text()));
  }

  @Test
  void aDamagedCellIsReportedWithItsText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BlockCells.parse(FRAUD + " 3", (k, v, n) -> {}));
    assertEquals("a rollup cell is '<dimensions> <value> <events>': " + FRAUD + " 3", e.getMessage());
  }
}
