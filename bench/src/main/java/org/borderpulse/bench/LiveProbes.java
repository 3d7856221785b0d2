package org.borderpulse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The probes: single events to a post nothing else writes to, so that the k-th probe makes the
 * watched count {@code base + k}. Each client records, per probe, when it first received an answer
 * that includes it; latency is that time minus the moment the probe's POST returned 200 (the batch
 * was committed before that). Times are this JVM's {@link System#nanoTime()}, so clients and prober
 * share one clock.
 */
final class LiveProbes {
  /** One probe: when it was sent and acknowledged, and when each client first saw it (0 = not yet). */
  static final class Probe {
    final int k;
    final String phase;
    final AtomicLongArray received;
    volatile long sentNanos;
    volatile long committedNanos;

    Probe(int k, String phase, int clients) {
      this.k = k;
      this.phase = phase;
      this.received = new AtomicLongArray(clients);
    }
  }

  private final Probe[] probes;
  private volatile long base = Long.MIN_VALUE;
  private int next = 1;

  LiveProbes(int capacity) {
    probes = new Probe[capacity + 1];
  }

  /** The watched count before the first probe. */
  void base(long value) {
    base = value;
  }

  /** A new probe watched by clients 0 … clients-1; call before sending it. */
  synchronized Probe open(String phase, int clients) {
    if (next >= probes.length) {
      throw new IllegalStateException("more than " + (probes.length - 1) + " probes; raise the capacity");
    }
    Probe p = new Probe(next, phase, clients);
    probes[next++] = p;
    return p;
  }

  /** Client {@code client} received an answer whose count went from {@code from} to {@code to}. */
  void received(int client, long from, long to, long nanos) {
    long b = base;
    if (b == Long.MIN_VALUE) {
      return;
    }
    for (long v = Math.max(from + 1, b + 1); v <= to; v++) {
      long k = v - b;
      if (k >= probes.length) {
        return;
      }
      Probe p = probes[(int) k];
      if (p != null && client < p.received.length()) {
        p.received.compareAndSet(client, 0, nanos);
      }
    }
  }

  synchronized List<Probe> of(String phase) {
    List<Probe> out = new ArrayList<>();
    for (Probe p : probes) {
      if (p != null && p.phase.equals(phase)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Latencies over all (client, probe) pairs of some probes; missing pairs count as infinitely late. */
  static Result result(List<Probe> ps) {
    int pairs = 0;
    for (Probe p : ps) {
      if (p.committedNanos != 0) {
        pairs += p.received.length();
      }
    }
    long[] fromCommit = new long[pairs];
    long[] fromSend = new long[pairs];
    long[] spread = new long[pairs];
    long[] first = new long[ps.size()];
    int n = 0, missing = 0, probesUsed = 0, f = 0;
    for (Probe p : ps) {
      if (p.committedNanos == 0) {
        continue;
      }
      probesUsed++;
      long earliest = Long.MAX_VALUE;
      for (int c = 0; c < p.received.length(); c++) {
        long r = p.received.get(c);
        if (r != 0) {
          earliest = Math.min(earliest, r);
        }
      }
      if (earliest != Long.MAX_VALUE) {
        first[f++] = earliest - p.committedNanos;
      }
      for (int c = 0; c < p.received.length(); c++) {
        long r = p.received.get(c);
        if (r == 0) {
          missing++;
          fromCommit[n] = Long.MAX_VALUE;
          fromSend[n] = Long.MAX_VALUE;
          spread[n] = Long.MAX_VALUE;
        } else {
          fromCommit[n] = r - p.committedNanos;
          fromSend[n] = r - p.sentNanos;
          spread[n] = r - earliest;
        }
        n++;
      }
    }
    Arrays.sort(fromCommit);
    Arrays.sort(fromSend);
    Arrays.sort(spread);
    long[] firsts = Arrays.copyOf(first, f);
    Arrays.sort(firsts);
    return new Result(probesUsed, n, missing, fromCommit, fromSend, spread, firsts);
  }

  /**
   * @param fromCommit receive time minus the probe's 200, sorted (Long.MAX_VALUE = never received)
   * @param fromSend receive time minus the probe's send time (an upper bound of commit-to-screen)
   * @param spread receive time minus the first client's receive time of the same probe (fan-out)
   * @param firstDelivery per probe, the first client's receive time minus the 200
   */
  record Result(int probes, int pairs, int missing, long[] fromCommit, long[] fromSend, long[] spread,
      long[] firstDelivery) {
    /** Nearest-rank percentile in ms; "inf" when it falls on a missing pair. */
    static double ms(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p * sorted.length) - 1;
      long v = sorted[Math.max(0, Math.min(sorted.length - 1, i))];
      return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }

    double p(double q) {
      return ms(fromCommit, q);
    }

    static String fmt(double ms) {
      return Double.isInfinite(ms) ? "lost" : Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.1f", ms);
    }
  }
}
