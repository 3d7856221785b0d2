package org.borderpulse.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plausible distributions for the simulated network: documents, fraud, nationalities, reasons. */
final class Vocab {
  private Vocab() {}

  static final Weighted<String> DOCUMENT_TYPES = new Weighted<String>().add("passport", 72).add("id_card", 10)
      .add("visa", 8).add("residence_permit", 4).add("travel_document", 3).add("medical_certificate", 1)
      .add("other", 2);

  /** Document types seen in fraud cases: visas and ID cards are over-represented. */
  static final Weighted<String> FRAUD_DOCUMENT_TYPES = new Weighted<String>().add("passport", 55).add("id_card", 14)
      .add("visa", 18).add("residence_permit", 8).add("travel_document", 3).add("other", 2);

  static final Weighted<String> FRAUD_TYPES = new Weighted<String>().add("counterfeit", 32).add("forged", 28)
      .add("fraudulently_obtained", 14).add("stolen_blank", 10).add("pseudo", 6).add("other", 10);

  static final Weighted<String> REASONS = new Weighted<String>().add("no_valid_document", 18)
      .add("false_document", 12).add("no_visa", 16).add("false_visa", 4).add("no_justification", 14)
      .add("stay_exceeded", 6).add("insufficient_means", 8).add("alert_issued", 5).add("threat", 2)
      .add("smuggling", 5).add("trafficking", 2).add("overstay", 6).add("other", 2);

  private static final List<String> ASEAN = List.of("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA",
      "TLS", "VNM");
  private static final Map<String, Weighted<String>> NATIONALITIES = new HashMap<>();

  /** Travellers at a post in {@code country}: nationals, neighbours, the region, the world. */
  static Weighted<String> nationalities(String country) {
    return NATIONALITIES.computeIfAbsent(country, c -> {
      Weighted<String> w = new Weighted<String>().add(c, 38);
      for (String a : ASEAN) {
        if (!a.equals(c)) {
          w.add(a, 3);
        }
      }
      return w.add("CHN", 12).add("IND", 6).add("KOR", 5).add("JPN", 4).add("AUS", 3).add("USA", 3).add("GBR", 2)
          .add("DEU", 2).add("FRA", 2).add("RUS", 2).add("BGD", 1).add("PAK", 1).add("NGA", 0.5).add("LKA", 1)
          .add("NPL", 1).add("TWN", 2).add("HKG", 1).add("XXA", 0.2);
    });
  }
}
