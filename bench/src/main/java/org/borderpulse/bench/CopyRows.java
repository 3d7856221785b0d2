package org.borderpulse.bench;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.borderpulse.ingest.Event;

/**
 * The baselines' rows: the columns the server stores for each event, for tables made like the
 * event table (same keys, indexes and defaults). The text baseline's rows are encoded here, on
 * their own, so the final check compares the server's stored values with an independent
 * encoding; the binary baseline's rows come from the server's own {@code EventCopy}.
 */
final class CopyRows {
  static final String TABLE = "event_copy";
  static final String BINARY_TABLE = "event_copy_binary";
  private static final String COLUMNS = " (id, type, post_id, workstation_id, occurred_at, local_day,"
      + " batch_seq, outcome, document_type, issuing_country, nationality, fraud_type, document_hash, direction,"
      + " reason, persons, count, period_minutes, content_hash)";
  static final String COPY_IN = "COPY " + TABLE + COLUMNS + " FROM STDIN";
  /** The server's own COPY statement into the binary baseline's table (its column order is EventCopy's). */
  static final String COPY_IN_BINARY = ServerSql.fastPathCopyInto(BINARY_TABLE);

  static String createTable(String name) {
    return "CREATE TABLE IF NOT EXISTS " + name + " (LIKE event INCLUDING ALL)";
  }

  private CopyRows() {}

  static byte[] encode(List<Event> events, long batchSeq) {
    StringBuilder sb = new StringBuilder(events.size() * 200);
    for (Event e : events) {
      Object[] row = {e.id(), e.type(), e.post(), e.workstation(),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.occurredAt()), e.localDay(), batchSeq, e.outcome(),
          e.documentType(), e.issuingCountry(), e.nationality(), e.fraudType(), e.documentHash(), e.direction(),
          e.reason(), e.persons(), e.count(), e.periodMinutes(), "\\x" + HexFormat.of().formatHex(e.contentHash())};
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sb.append('\t');
        }
        appendValue(sb, row[i]);
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** NULL is {@code \N}; backslash, tab, newline and carriage return are escaped. */
  private static void appendValue(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("\\N");
      return;
    }
    String s = value.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
  }
}
