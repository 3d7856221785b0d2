package org.borderpulse.rollup;

import java.util.HashMap;
import java.util.Map;

/**
 * The stored form of one post's day of rollups, or of a part of it ({@code rollup_block.cells},
 * migration V11): cells separated by {@code ';'} in no particular order, each {@code
 * "<dimensions> <value> <events>"} with {@link RollupRow#dimensions()} as the key. Keys hold no
 * space, {@code ';'}, tab or backslash, so the text also travels through COPY unescaped.
 */
public final class BlockCells {
  private static final char CELL = ';';
  private static final char FIELD = ' ';

  /** The cells of one block by key: {value, events}. */
  private final Map<String, long[]> cells = new HashMap<>();

  /** Adds to a cell (a new cell starts at 0). */
  public void add(String dimensions, long value, long events) {
    long[] c = cells.get(dimensions);
    if (c == null) {
      cells.put(dimensions, c = new long[2]);
    }
    c[0] += value;
    c[1] += events;
  }

  /** Adds every cell of another block. */
  public void addAll(BlockCells other) {
    other.cells.forEach((k, c) -> add(k, c[0], c[1]));
  }

  /** The stored form. */
  public String text() {
    StringBuilder sb = new StringBuilder(cells.size() * 64);
    cells.forEach((k, c) -> {
      if (!sb.isEmpty()) {
        sb.append(CELL);
      }
      sb.append(k).append(FIELD).append(c[0]).append(FIELD).append(c[1]);
    });
    return sb.toString();
  }

  /** Receives the cells of a stored block. */
  @FunctionalInterface
  public interface CellSink {
    void cell(String dimensions, long value, long events);
  }

  /** Reads a stored block, cell by cell, in stored order. */
  public static void parse(CharSequence stored, CellSink sink) {
    int n = stored.length();
    int start = 0;
    while (start < n) {
      int end = indexOf(stored, CELL, start, n);
      int s1 = indexOf(stored, FIELD, start, end);
      int s2 = indexOf(stored, FIELD, s1 + 1, end);
      if (s2 >= end) {
        throw new IllegalArgumentException("a rollup cell is '<dimensions> <value> <events>': "
            + stored.subSequence(start, end));
      }
      sink.cell(stored.subSequence(start, s1).toString(), parseLong(stored, s1 + 1, s2),
          parseLong(stored, s2 + 1, end));
      start = end + 1;
    }
  }

  private static int indexOf(CharSequence s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return to;
  }

  private static long parseLong(CharSequence s, int from, int to) {
    return Long.parseLong(s, from, to, 10);
  }
}
