package org.borderpulse.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A fixed set of values drawn with given weights. */
final class Weighted<T> {
  private final List<T> values = new ArrayList<>();
  private final List<Double> cumulative = new ArrayList<>();
  private double total;

  Weighted<T> add(T value, double weight) {
    total += weight;
    values.add(value);
    cumulative.add(total);
    return this;
  }

  T draw(SplittableRandom rnd) {
    double x = rnd.nextDouble() * total;
    for (int i = 0; i < values.size(); i++) {
      if (x < cumulative.get(i)) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }
}
