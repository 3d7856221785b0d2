package org.borderpulse.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. */
final class Csv {
  private final Reader in;
  private int lineNumber = 1;
  private int recordLine = 1;

  Csv(Reader in) {
    this.in = in;
  }

  /** The line the last record returned by {@link #next()} started on (1-based). */
  int recordLine() { return recordLine; }

  /** The next record, or null at the end. */
  List<String> next() throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    recordLine = lineNumber;
    int c;
    while ((c = in.read()) != -1) {
      any = true;
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          in.mark(1);
          int n = in.read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (n != -1) {
              in.reset();
            }
          }
        } else {
          if (ch == '\n') {
            lineNumber++;
          }
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        lineNumber++;
        fields.add(stripCr(field));
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
          fields.clear();
          recordLine = lineNumber;
          continue;
        }
        return fields;
      } else {
        field.append(ch);
      }
    }
    if (!any || (fields.isEmpty() && field.length() == 0)) {
      return null;
    }
    fields.add(stripCr(field));
    return fields;
  }

  private static String stripCr(StringBuilder sb) {
    int n = sb.length();
    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
  }
}
