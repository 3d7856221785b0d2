package org.borderpulse.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.borderpulse.http.ApiException;
import org.borderpulse.http.JsonErrors;
import org.borderpulse.http.Problems;

/** Splits a request body into raw events: a JSON array, or NDJSON (one object per line). */
public final class EventReader {
  /** A raw event and where it stood in the body (its NDJSON line, when there is one). */
  public record Raw(int index, Integer line, Object value) {}

  private EventReader() {}

  public static List<Raw> read(Buffer body, boolean ndjson) {
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("the body is empty; send a JSON array of events (or NDJSON, one per line)");
    }
    List<Raw> out = ndjson ? readNdjson(body) : readArray(body);
    if (out.isEmpty()) {
      throw ApiException.badRequest("the body holds no events");
    }
    return out;
  }

  private static List<Raw> readArray(Buffer body) {
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (DecodeException e) {
      throw ApiException.badRequest("the body is not valid JSON (" + JsonErrors.where(e)
          + "); send a JSON array of events, or Content-Type: application/x-ndjson for one event per line");
    }
    if (!(parsed instanceof JsonArray arr)) {
      throw ApiException.badRequest("the body must be a JSON array of events, even for one event: [{...}]");
    }
    tooMany(arr.size());
    List<Raw> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      out.add(new Raw(i, null, arr.getValue(i)));
    }
    return out;
  }

  private static List<Raw> readNdjson(Buffer body) {
    String text = body.toString(StandardCharsets.UTF_8);
    List<Raw> out = new ArrayList<>();
    JsonArray errors = new JsonArray();
    int line = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      line++;
      String l = text.substring(start, end).strip();
      start = end + 1;
      if (l.isEmpty()) {
        continue;
      }
      tooMany(out.size() + 1);
      try {
        out.add(new Raw(out.size(), line, new JsonObject(l)));
      } catch (DecodeException e) {
        errors.add(Problems.error(out.size(), null, "line " + line + " is not a JSON object (" + JsonErrors.where(e) + ")")
            .put("line", line));
        out.add(new Raw(out.size(), line, null));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "Malformed body", "some NDJSON lines are not JSON objects; nothing was stored",
          errors);
    }
    return out;
  }

  private static void tooMany(int n) {
    if (n > Vocabulary.MAX_EVENTS) {
      throw new ApiException(413, "Payload too large",
          "a request may carry at most " + Vocabulary.MAX_EVENTS + " events; split the batch");
    }
  }
}
