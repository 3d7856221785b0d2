package org.borderpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The table-driven id and hash checks say what the contract's patterns say, for any string. */
class IdAndHashCharsTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{0,64}");
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{16,128}");
  /** Every allowed character, and neighbours of each range, a non-ASCII letter, a wide character. */
  private static final String CHARS = "azAZ09._:-/@`{[gGfF \u007f\u00e9\u0100";

  private static String random(Random r, int maxLength, String chars) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }

  @Test
  void idsAndHashesAreCheckedAsTheirPatterns() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String id = random(r, 70, CHARS + "abcdefxyz0123456789");
      assertEquals(ID.matcher(id).matches(), EventValidator.ID.test(id), id);
      String hash = random(r, 140, i % 2 == 0 ? "0123456789abcdefABCDEF" : "0123456789abcdefABCDEFgG/@`:\u00e9");
      assertEquals(HASH.matcher(hash).matches(), EventValidator.HASH.test(hash), hash);
    }
  }
}
