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
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(keys, i, keys, i + 1, size - i);
    System.arraycopy(values, i, values, i + 1, size - i);
    keys[i] = key;
    values[i] = value;
    size++;
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
    if (coarseSize == coarseKeys.length) {
      coarseKeys = Arrays.copyOf(coarseKeys, coarseSize * 2);
      coarseValues = Arrays.copyOf(coarseValues, coarseSize * 2);
    }
    System.arraycopy(coarseKeys, i, coarseKeys, i + 1, coarseSize - i);
    System.arraycopy(coarseValues, i, coarseValues, i + 1, coarseSize - i);
    coarseKeys[i] = key;
    coarseValues[i] = delta;
    coarseSize++;
  }
}
