package org.borderpulse.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** ISO 3166-1 alpha-3 codes, plus the ICAO 9303 codes travel documents use for special cases. */
public final class Countries {
  /** Each code to itself: {@link #canonical} hands out one String per code. */
  private static final Map<String, String> CODES = new HashMap<>();

  static {
    Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).forEach(c -> CODES.put(c, c));
    // ICAO Doc 9303: stateless, refugees, unspecified nationality, UN documents, Kosovo, EU.
    Set.of("XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE", "XOM", "XPO", "XCC", "XES", "XMP", "XBA", "XIM", "XCE", "XCO", "XEC", "XDC", "XCT").forEach(c -> CODES.put(c, c));
  }

  private static final java.util.regex.Pattern ALPHA3 = java.util.regex.Pattern.compile("[A-Z]{3}");

  private Countries() {}

  public static boolean isKnown(String code) {
    return code != null && CODES.containsKey(code);
  }

  /** The shared String of a known code (its hash computed once, for the rollups' keys), or null. */
  public static String canonical(String code) {
    return code == null ? null : CODES.get(code);
  }

  public static String problem(String code) {
    if (isKnown(code)) {
      return null;
    }
    if (code == null || !ALPHA3.matcher(code).matches()) {
      return "must be an ISO 3166-1 alpha-3 code in capitals, such as THA";
    }
    return isKnown(code) ? null : "'" + code + "' is not an ISO 3166-1 alpha-3 country code";
  }
}
