package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a simulation must remember across restarts ({@code <data>/sim/state.json}): its seed,
 * when it first went live (which fixes every generated event), and how far back the history
 * has been sent for each post.
 */
final class SimState {
  private final Path file;
  private final JsonObject json;

  private SimState(Path file, JsonObject json) {
    this.file = file;
    this.json = json;
  }

  /** Loads the state, or starts a new one when there is none or it was made with another seed. */
  static SimState load(Path dir, long seed, Instant now) {
    Path file = dir.resolve("state.json");
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        JsonObject j = new JsonObject(Files.readString(file));
        if (j.getLong("seed") == seed) {
          return new SimState(file, j);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SimState s = new SimState(file, new JsonObject().put("seed", seed).put("liveStart", now.toString())
        .put("backfilledDownTo", new JsonObject()));
    s.save();
    return s;
  }

  boolean isNew() {
    return json.getJsonObject("backfilledDownTo").isEmpty() && !json.getBoolean("liveBegun", false);
  }

  Instant liveStart() {
    return Instant.parse(json.getString("liveStart"));
  }

  /** The earliest day already sent for this post, going backwards from the live day (null: none). */
  synchronized LocalDate backfilledDownTo(String post) {
    String d = json.getJsonObject("backfilledDownTo").getString(post);
    return d == null ? null : LocalDate.parse(d);
  }

  synchronized void backfilledDownTo(String post, LocalDate day) {
    json.getJsonObject("backfilledDownTo").put(post, day.toString());
    save();
  }

  synchronized void liveBegun() {
    if (!json.getBoolean("liveBegun", false)) {
      json.put("liveBegun", true);
      save();
    }
  }

  private void save() {
    Spool.writeAtomically(file, json.encodePrettily());
  }
}
