package org.borderpulse.query;

import java.util.Arrays;
import java.util.List;

/**
 * The metrics every query can return, computed from seven sums: scanned documents, genuine,
 * fraudulent documents, imposters, interceptions (persons), entries, exits. Ratios are
 * {@code null} when their denominator is zero.
 */
public enum Metric {
  SCANNED_DOCUMENTS("scanned_documents"),
  GENUINE("genuine"),
  FRAUDULENT_DOCUMENTS("fraudulent_documents"),
  IMPOSTERS("imposters"),
  FRAUD_CASES("fraud_cases"),
  FRAUD_RATE("fraud_rate"),
  INTERCEPTIONS("interceptions"),
  CROSSINGS("crossings"),
  ENTRIES("entries"),
  EXITS("exits"),
  INTERCEPTIONS_PER_10K_CROSSINGS("interceptions_per_10k_crossings");

  /** Positions of the seven sums in an accumulator. */
  public static final int SCANNED = 0, GENUINE_SUM = 1, FRAUD_DOCS = 2, IMPOSTER_SUM = 3, INTERCEPTED = 4,
      ENTERED = 5, EXITED = 6, SUMS = 7;

  private final String id;

  Metric(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Metric::id).toList();
  }

  public static Metric byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElse(null);
  }

  public boolean isRatio() {
    return this == FRAUD_RATE || this == INTERCEPTIONS_PER_10K_CROSSINGS;
  }

  /** The metric's value from the sums at {@code offset} of {@code acc}: a Long, a Double or null. */
  public Number value(long[] acc, int offset) {
    long scanned = acc[offset + SCANNED];
    long fraud = acc[offset + FRAUD_DOCS] + acc[offset + IMPOSTER_SUM];
    long crossings = acc[offset + ENTERED] + acc[offset + EXITED];
    return switch (this) {
      case SCANNED_DOCUMENTS -> scanned;
      case GENUINE -> acc[offset + GENUINE_SUM];
      case FRAUDULENT_DOCUMENTS -> acc[offset + FRAUD_DOCS];
      case IMPOSTERS -> acc[offset + IMPOSTER_SUM];
      case FRAUD_CASES -> fraud;
      case FRAUD_RATE -> scanned == 0 ? null : round((double) fraud / scanned, 6);
      case INTERCEPTIONS -> acc[offset + INTERCEPTED];
      case CROSSINGS -> crossings;
      case ENTRIES -> acc[offset + ENTERED];
      case EXITS -> acc[offset + EXITED];
      case INTERCEPTIONS_PER_10K_CROSSINGS -> crossings == 0 ? null
          : round(acc[offset + INTERCEPTED] * 10_000.0 / crossings, 4);
    };
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
