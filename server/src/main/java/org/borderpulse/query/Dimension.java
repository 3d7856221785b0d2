package org.borderpulse.query;

import java.util.Arrays;
import java.util.List;
import org.borderpulse.rollup.Dim;

/** What queries filter and group by: post-level dimensions and the rollup's own. */
public enum Dimension {
  COUNTRY("country", null),
  REGION("region", null),
  POST("post", null),
  WORKSTATION("workstation", Dim.WORKSTATION),
  OUTCOME("outcome", Dim.OUTCOME),
  DOCUMENT_TYPE("documentType", Dim.DOCUMENT_TYPE),
  FRAUD_TYPE("fraudType", Dim.FRAUD_TYPE),
  ISSUING_COUNTRY("issuingCountry", Dim.ISSUING_COUNTRY),
  NATIONALITY("nationality", Dim.NATIONALITY),
  REASON("reason", Dim.REASON),
  DIRECTION("direction", Dim.DIRECTION),
  /** Post-local hour "00"–"23" of crossing counts over at most an hour; breakdowns list it in hour order. */
  HOUR("hour", Dim.HOUR);

  private final String id;
  private final Dim dim;

  Dimension(String id, Dim dim) {
    this.id = id;
    this.dim = dim;
  }

  public String id() { return id; }

  /** The rollup dimension, or null for post-level ones (country, region, post). */
  public Dim dim() { return dim; }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Dimension::id).toList();
  }

  public static Dimension byId(String id) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElse(null);
  }
}
