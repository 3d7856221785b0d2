package org.borderpulse.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short, client-friendly descriptions of JSON parse errors (no parser internals). */
public final class JsonErrors {
  private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)\\]\\s*$");

  private JsonErrors() {}

  /** "unexpected end of input at line 1, column 3" and the like. */
  public static String where(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String first = m.split("\\R", 2)[0];
    int cut = first.indexOf(" (");
    String what = (cut > 0 ? first.substring(0, cut) : first).replaceFirst("^Failed to decode:\\s*", "");
    Matcher loc = LOCATION.matcher(m);
    return loc.find() ? what + " at line " + loc.group(1) + ", column " + loc.group(2) : what;
  }
}
