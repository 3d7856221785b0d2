package org.borderpulse.rollup;

/**
 * The dimensions a rollup row carries, packed into one {@code long} key: the bits each takes,
 * and which event types have it. Workstation, issuing country and nationality are "fine":
 * the coarse copy of each day leaves them out, so queries without them scan far fewer rows.
 */
public enum Dim {
  WORKSTATION(2, 16, types(0, 1), true),
  OUTCOME(18, 2, types(0), false),
  DOCUMENT_TYPE(20, 3, types(0), false),
  FRAUD_TYPE(23, 3, types(0), false),
  ISSUING_COUNTRY(26, 10, types(0), true),
  NATIONALITY(36, 10, types(0, 1), true),
  REASON(46, 4, types(1), false),
  DIRECTION(50, 2, types(1, 2), false),
  /** The post-local hour of crossing counts over at most an hour. */
  HOUR(52, 5, types(2), false);

  static final long TYPE_MASK = 3;

  final int shift;
  final int bits;
  final long mask;
  private final int types;
  final boolean fine;

  Dim(int shift, int bits, int types, boolean fine) {
    this.shift = shift;
    this.bits = bits;
    this.mask = ((1L << bits) - 1) << shift;
    this.types = types;
    this.fine = fine;
  }

  private static int types(int... t) {
    int m = 0;
    for (int x : t) {
      m |= 1 << x;
    }
    return m;
  }

  /** Does an event of this type have this dimension? Filters apply only to types that do. */
  public boolean carriedBy(int type) {
    return (types & (1 << type)) != 0;
  }

  public int code(long key) {
    return (int) ((key & mask) >>> shift);
  }

  public int capacity() {
    return 1 << bits;
  }

  long with(long key, int code) {
    if (code < 0 || code >= capacity()) {
      throw new IllegalStateException(this + " has room for " + (capacity() - 1) + " values");
    }
    return (key & ~mask) | ((long) code << shift);
  }

  public static int type(long key) {
    return (int) (key & TYPE_MASK);
  }

  /** The key without the fine dimensions. */
  static long coarse(long key) {
    return key & ~(WORKSTATION.mask | ISSUING_COUNTRY.mask | NATIONALITY.mask);
  }
}
