package org.borderpulse.ingest;

import java.util.List;
import java.util.Map;

/**
 * The closed vocabularies of the ingest contract. {@code openapi.yaml} lists the same values; a
 * test keeps the two equal.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final List<String> TYPES = List.of("document_check", "interception", "crossing_count");
  public static final List<String> OUTCOMES = List.of("genuine", "fraudulent_document", "imposter");
  public static final List<String> DOCUMENT_TYPES = List.of("passport", "id_card", "visa", "residence_permit",
      "travel_document", "medical_certificate", "other");
  public static final List<String> FRAUD_TYPES = List.of("counterfeit", "forged", "fraudulently_obtained",
      "stolen_blank", "pseudo", "lookalike", "other");
  public static final List<String> DIRECTIONS = List.of("entry", "exit");

  /** Interception reasons with the Schengen refusal-of-entry letter where there is one. */
  public static final Map<String, String> REASON_CODES = Map.ofEntries(
      Map.entry("no_valid_document", "A"), Map.entry("false_document", "B"), Map.entry("no_visa", "C"),
      Map.entry("false_visa", "D"), Map.entry("no_justification", "E"), Map.entry("stay_exceeded", "F"),
      Map.entry("insufficient_means", "G"), Map.entry("alert_issued", "H"), Map.entry("threat", "I"));
  public static final List<String> REASONS = List.of("no_valid_document", "false_document", "no_visa",
      "false_visa", "no_justification", "stay_exceeded", "insufficient_means", "alert_issued", "threat",
      "smuggling", "trafficking", "overstay", "other");

  /** Fields each type may carry besides the common ones. */
  public static final List<String> COMMON_FIELDS = List.of("id", "type", "post", "workstation", "occurredAt");
  public static final Map<String, List<String>> TYPE_FIELDS = Map.of(
      "document_check", List.of("outcome", "documentType", "issuingCountry", "nationality", "fraudType", "documentHash"),
      "interception", List.of("direction", "reason", "nationality", "persons"),
      "crossing_count", List.of("direction", "count", "periodMinutes"));

  public static final int MAX_EVENTS = 10_000;
  public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  public static final int MAX_PERSONS = 10_000;
  public static final int MAX_COUNT = 10_000_000;
}
