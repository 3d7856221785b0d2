package org.borderpulse.rollup;

import java.util.Arrays;

/**
 * The rollup rows of one post on one day: fine rows (every dimension) and coarse rows (without
 * workstation, issuing country, nationality) kept as their sums. Keys are sorted, so a row is
 * found by binary search.
 */
final class Block {
  long[] keys = new long[4];
  long[] values = new long[4];
  int size;
  long[] coarseKeys = new long[2];
  long[] coarseValues = new long[2];
  int coarseSize;

  /** Adds {@code delta} to a row (a new row starts at 0) and to its coarse row. */
  void add(long key, long delta) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    if (i >= 0) {
      values[i] += delta;
    } else {
      insert(-i - 1, key, delta);
    }
    addCoarse(Dim.coarse(key), delta);
  }

  private void insert(int i, long key, long value) {
    keys = inserted(keys, size, i, key);
    values = inserted(values, size, i, value);
    size++;
  }

  /** {@code a} (its first {@code size} used) with {@code v} at {@code i}, grown when full. */
  private static long[] inserted(long[] a, int size, int i, long v) {
    long[] out = size == a.length ? Arrays.copyOf(a, size * 2) : a;
    System.arraycopy(out, i, out, i + 1, size - i);
    out[i] = v;
    return out;
  }

  /** The value of a row (0 when absent). */
  long value(long key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    return i >= 0 ? values[i] : 0;
  }

  /** Adds to a coarse row (day blocks through {@link #add}; month blocks hold only coarse rows). */
  void addCoarse(long key, long delta) {
    int i = Arrays.binarySearch(coarseKeys, 0, coarseSize, key);
    if (i >= 0) {
      coarseValues[i] += delta;
      return;
    }
    i = -i - 1;
    coarseKeys = inserted(coarseKeys, coarseSize, i, key);
    coarseValues = inserted(coarseValues, coarseSize, i, delta);
    coarseSize++;
  }
}
