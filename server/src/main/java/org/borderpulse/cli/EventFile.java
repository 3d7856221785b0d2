package org.borderpulse.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads events from a CSV file (a header row of field names, empty cells left out) or an NDJSON
 * file (one event per line), remembering each event's line for error messages.
 */
final class EventFile implements Closeable {
  private static final Set<String> INTEGER_FIELDS = Set.of("persons", "count", "periodMinutes");

  /** An event and the line of the file it came from. */
  record Line(int line, JsonObject event) {}

  private final BufferedReader reader;
  private final Csv csv;
  private final List<String> header;
  private int ndjsonLine;

  EventFile(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase();
    this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    if (name.endsWith(".csv")) {
      csv = new Csv(reader);
      header = csv.next();
      if (header == null) {
        throw new IOException(file + " is empty; a CSV file starts with a header row of field names");
      }
    } else if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
      csv = null;
      header = null;
    } else {
      reader.close();
      throw new IOException(file + ": use a .csv or .ndjson file");
    }
  }

  /** The next event, or null at the end of the file. */
  Line next() throws IOException {
    return csv != null ? nextCsv() : nextNdjson();
  }

  private Line nextNdjson() throws IOException {
    String l;
    while ((l = reader.readLine()) != null) {
      ndjsonLine++;
      if (!l.isBlank()) {
        try {
          return new Line(ndjsonLine, new JsonObject(l));
        } catch (DecodeException e) {
          throw new IOException("line " + ndjsonLine + " is not a JSON object: " + e.getMessage());
        }
      }
    }
    return null;
  }

  private Line nextCsv() throws IOException {
    List<String> row = csv.next();
    if (row == null) {
      return null;
    }
    if (row.size() != header.size()) {
      throw new IOException("line " + csv.recordLine() + " has " + row.size() + " fields; the header has "
          + header.size());
    }
    JsonObject o = new JsonObject();
    for (int i = 0; i < header.size(); i++) {
      String key = header.get(i).strip();
      String value = row.get(i);
      if (value.isEmpty()) {
        continue;
      }
      if (INTEGER_FIELDS.contains(key)) {
        try {
          o.put(key, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
          throw new IOException("line " + csv.recordLine() + ": " + key + " must be a whole number, got '" + value + "'");
        }
      } else {
        o.put(key, value);
      }
    }
    return new Line(csv.recordLine(), o);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
