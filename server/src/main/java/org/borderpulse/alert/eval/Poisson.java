package org.borderpulse.alert.eval;

/** The Poisson upper tail, accurate for small counts and tiny probabilities. */
public final class Poisson {
  private Poisson() {}

  /** P(X >= k) for X ~ Poisson(lambda). */
  public static double upperTail(long k, double lambda) {
    if (k <= 0) {
      return 1;
    }
    if (lambda <= 0) {
      return 0;
    }
    if (k <= lambda) {
      // the tail is large: 1 - P(X <= k-1); the terms grow up to k-1, so sum them downwards from
      // there (in log space for the first: e^-lambda underflows for large lambda)
      double term = Math.exp(-lambda + (k - 1) * Math.log(lambda) - logFactorial(k - 1));
      double cdf = 0;
      for (long i = k - 1; i >= 0 && (term > cdf * 1e-17 || i > k - 3); i--) {
        cdf += term;
        term *= i / lambda;
      }
      return Math.max(0, 1 - cdf);
    }
    // the tail is small: sum it directly from k, in log space for the first term
    double term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
    double sum = 0;
    for (long i = k; term > sum * 1e-17 || i < k + 2; i++) {
      sum += term;
      term *= lambda / (i + 1);
      if (term == 0) {
        break;
      }
    }
    return Math.min(1, sum);
  }

  static double logFactorial(long n) {
    if (n < 2) {
      return 0;
    }
    if (n < 256) {
      double s = 0;
      for (long i = 2; i <= n; i++) {
        s += Math.log(i);
      }
      return s;
    }
    double x = n + 1.0; // Stirling series for ln Gamma(n + 1)
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
  }
}
