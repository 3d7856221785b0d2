package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonArray;
import org.borderpulse.query.Dimension;

/**
 * A committed event as the evaluator sees it.
 *
 * @param type 0 document check, 1 interception, 2 crossing count
 * @param value 1 per document check, persons per interception, travellers per crossing count
 * @param receivedAt when this node saw it (epoch ms), for "silent" posts
 */
public record FeedEvent(String id, int type, String post, String workstation, long occurredAt, String outcome,
    String documentType, String fraudType, String issuingCountry, String nationality, String reason,
    String direction, long value, String documentHash, long receivedAt) {

  static FeedEvent fromJson(JsonArray a, long receivedAt) {
    return new FeedEvent(a.getString(0), a.getInteger(1), a.getString(2), a.getString(3), a.getLong(4),
        a.getString(5), a.getString(6), a.getString(7), a.getString(8), a.getString(9), a.getString(10),
        a.getString(11), a.getLong(12), a.getString(13), receivedAt);
  }

  /** The value of a rollup dimension, or null when this event has none. */
  String value(Dimension d) {
    return switch (d) {
      case WORKSTATION -> workstation;
      case OUTCOME -> outcome;
      case DOCUMENT_TYPE -> documentType;
      case FRAUD_TYPE -> fraudType;
      case ISSUING_COUNTRY -> issuingCountry;
      case NATIONALITY -> nationality;
      case REASON -> reason;
      case DIRECTION -> direction;
      default -> null;
    };
  }

  /** Adds this event to the seven base sums of {@link org.borderpulse.query.Metric}. */
  void addTo(long[] sums) {
    switch (type) {
      case 0 -> {
        sums[org.borderpulse.query.Metric.SCANNED] += value;
        switch (outcome == null ? "" : outcome) {
          case "genuine" -> sums[org.borderpulse.query.Metric.GENUINE_SUM] += value;
          case "fraudulent_document" -> sums[org.borderpulse.query.Metric.FRAUD_DOCS] += value;
          case "imposter" -> sums[org.borderpulse.query.Metric.IMPOSTER_SUM] += value;
          default -> { }
        }
      }
      case 1 -> sums[org.borderpulse.query.Metric.INTERCEPTED] += value;
      default -> sums["entry".equals(direction) ? org.borderpulse.query.Metric.ENTERED
          : org.borderpulse.query.Metric.EXITED] += value;
    }
  }
}
