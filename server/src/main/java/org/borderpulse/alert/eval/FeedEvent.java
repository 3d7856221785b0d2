package org.borderpulse.alert.eval;

import org.borderpulse.ingest.Event;
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

  /** From a committed event, as the ingest handler publishes it. */
  static FeedEvent of(Event e, long receivedAt) {
    return of(e.id(), e.type(), e.post(), e.workstation(), e.occurredAt().toEpochSecond(), e.outcome(),
        e.documentType(), e.fraudType(), e.issuingCountry(), e.nationality(), e.reason(), e.direction(), e.persons(),
        e.count(), e.documentHash(), receivedAt);
  }

  /** From stored columns: the type code and the value (1 per check, persons, travellers) are made here. */
  static FeedEvent of(String id, String type, String post, String workstation, long occurredAt, String outcome,
      String documentType, String fraudType, String issuingCountry, String nationality, String reason,
      String direction, Integer persons, Integer count, String documentHash, long receivedAt) {
    int t = switch (type) {
      case "document_check" -> 0;
      case "interception" -> 1;
      default -> 2;
    };
    long value = t == 0 ? 1 : t == 1 ? (persons == null ? 1 : persons) : (count == null ? 0 : count);
    return new FeedEvent(id, t, post, workstation, occurredAt, outcome, documentType, fraudType, issuingCountry,
        nationality, reason, direction, value, documentHash, receivedAt);
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
