package org.borderpulse.dashboard;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboards and playlists provisioned from {@code dashboards/}: re-read when a file
 * changes; a broken file is reported with its path and problem while its last good version
 * stays served. Readers get an immutable snapshot; {@link #reload} (blocking) is called from
 * one worker at a time.
 */
public final class DashboardLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardLibrary.class);
  public static final String PLAYLISTS = "playlists.json";

  private final Path dir;
  private final Set<String> regions;
  private final Map<Path, Stamped> files = new HashMap<>();
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(
      new Snapshot(Map.of(), new JsonArray(), new JsonArray()));

  /** What readers see. */
  public record Snapshot(Map<String, Dashboard> dashboards, JsonArray playlists, JsonArray problems) {}

  /** A file as last read: its stamp, its last good content, its current problems. */
  private record Stamped(String stamp, Object good, List<String> problems) {}

  public DashboardLibrary(Path dir, Set<String> regions) {
    this.dir = dir;
    this.regions = regions;
  }

  public Snapshot snapshot() {
    return snapshot.get();
  }

  public Optional<Dashboard> get(String id) {
    return Optional.ofNullable(snapshot.get().dashboards().get(id));
  }

  /** Re-reads changed, new and removed files; returns true when anything changed. Blocking. */
  public synchronized boolean reload() {
    Map<Path, String> stamps = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(p -> stamps.put(p, stamp(p)));
      } catch (IOException e) {
        LOG.warn("Cannot list dashboards in {}: {}", dir, e.getMessage());
        return false;
      }
    }
    boolean changed = files.keySet().retainAll(stamps.keySet());
    for (Map.Entry<Path, String> e : stamps.entrySet()) {
      Stamped old = files.get(e.getKey());
      if (old == null || !old.stamp().equals(e.getValue())) {
        files.put(e.getKey(), read(e.getKey(), e.getValue(), old));
        changed = true;
      }
    }
    if (changed) {
      publish();
    }
    return changed;
  }

  private Stamped read(Path file, String stamp, Stamped previous) {
    Object good = previous == null ? null : previous.good();
    List<String> problems = new ArrayList<>();
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      if (file.getFileName().toString().equals(PLAYLISTS)) {
        good = json;
      } else {
        DashboardReader reader = new DashboardReader(regions);
        Dashboard d = reader.read(json, file.getFileName().toString());
        problems.addAll(reader.problems());
        if (d != null) {
          good = d;
        }
      }
    } catch (IOException | DecodeException e) {
      problems.add("not valid JSON: " + e.getMessage().split("\\R", 2)[0]);
    }
    problems.forEach(p -> LOG.warn("Dashboard file {}: {}{}", file, p,
        previous != null && previous.good() != null ? " (the last good version stays served)" : ""));
    return new Stamped(stamp, good, problems);
  }

  /** Builds the snapshot: dashboards by id (a duplicate id is a problem), then the playlists that refer to them. */
  private void publish() {
    Map<String, Dashboard> dashboards = new TreeMap<>();
    JsonArray problems = new JsonArray();
    JsonObject playlistFile = null;
    for (Map.Entry<Path, Stamped> f : files.entrySet()) {
      String name = f.getKey().getFileName().toString();
      f.getValue().problems().forEach(p -> problems.add(new JsonObject().put("file", name).put("problem", p)));
      if (f.getValue().good() instanceof Dashboard d) {
        Dashboard other = dashboards.putIfAbsent(d.id(), d);
        if (other != null) {
          problems.add(new JsonObject().put("file", name).put("problem", "id '" + d.id() + "' is already used by "
              + other.file() + "; this file is ignored"));
        }
      } else if (f.getValue().good() instanceof JsonObject p) {
        playlistFile = p;
      }
    }
    JsonArray playlists = playlists(playlistFile, dashboards.keySet(), problems);
    snapshot.set(new Snapshot(java.util.Collections.unmodifiableMap(dashboards), playlists, problems));
  }

  private static JsonArray playlists(JsonObject file, Set<String> dashboards, JsonArray problems) {
    JsonArray out = new JsonArray();
    if (file == null) {
      return out;
    }
    JsonArray list = file.getValue("playlists") instanceof JsonArray a ? a : new JsonArray();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "playlists[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject p) || !(p.getValue("id") instanceof String id)
          || !DashboardReader.ID.matcher(id).matches() || !ids.add(id)) {
        problems.add(problem(at + ": needs a unique id (a-z, 0-9, -)"));
        continue;
      }
      JsonArray slides = p.getValue("slides") instanceof JsonArray s ? s : new JsonArray();
      boolean ok = !slides.isEmpty();
      for (int j = 0; j < slides.size(); j++) {
        if (!(slides.getValue(j) instanceof JsonObject slide) || !dashboards.contains(slide.getString("dashboard"))) {
          problems.add(problem(at + ".slides[" + j + "].dashboard: must name a dashboard"));
          ok = false;
        } else if (!(slide.getValue("seconds") instanceof Integer secs) || secs < 5 || secs > 3600) {
          problems.add(problem(at + ".slides[" + j + "].seconds: a whole number from 5 to 3600"));
          ok = false;
        }
      }
      if (slides.isEmpty()) {
        problems.add(problem(at + ".slides: must be a non-empty list"));
      }
      if (ok) {
        out.add(p);
      }
    }
    return out;
  }

  private static JsonObject problem(String message) {
    return new JsonObject().put("file", PLAYLISTS).put("problem", message);
  }

  private static String stamp(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
