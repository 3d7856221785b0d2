package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A post's store-and-forward queue on disk: numbered NDJSON segments, each written whole
 * (temporary file, fsync, atomic rename) and deleted only after the server acknowledged it.
 * A crash at any point leaves either the old or the new state, never half a segment.
 */
public final class Spool {
  private static final String SUFFIX = ".ndjson";
  private final Path dir;
  private long nextSeq;

  public Spool(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        old.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(Spool::deleteQuietly);
      }
      nextSeq = segments().stream().mapToLong(Spool::seq).max().orElse(0) + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open spool " + dir, e);
    }
  }

  /** A batch read from the head of the queue: its events and the segments they came from. */
  public record Batch(List<JsonObject> events, List<Path> segments) {}

  /** Appends events as one durable segment. */
  public synchronized void append(List<JsonObject> events) {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(events.size() * 300);
    events.forEach(e -> sb.append(e.encode()).append('\n'));
    Path target = dir.resolve(String.format("%012d", nextSeq++) + SUFFIX);
    writeAtomically(target, sb.toString());
  }

  /** The oldest segments, up to about {@code maxEvents} events (at least one whole segment). */
  public Optional<Batch> head(int maxEvents) {
    List<JsonObject> events = new ArrayList<>();
    List<Path> used = new ArrayList<>();
    for (Path seg : segments()) {
      List<JsonObject> lines = read(seg);
      if (!used.isEmpty() && events.size() + lines.size() > maxEvents) {
        break;
      }
      events.addAll(lines);
      used.add(seg);
    }
    return used.isEmpty() ? Optional.empty() : Optional.of(new Batch(events, used));
  }

  /** After a 2xx: the batch is stored on the server, forget it. */
  public void acknowledge(Batch b) {
    b.segments().forEach(Spool::deleteQuietly);
  }

  /** After a 4xx that a retry cannot fix: keep the batch aside with the server's answer. */
  public void reject(Batch b, String why) {
    try {
      Path rejected = Files.createDirectories(dir.resolve("rejected"));
      for (Path seg : b.segments()) {
        Files.move(seg, rejected.resolve(seg.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
      Files.writeString(rejected.resolve(b.segments().get(0).getFileName() + ".why"), why);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int pendingSegments() {
    return segments().size();
  }

  /** How far the generator has released events into this spool (null before the first time). */
  public Instant cursor() {
    Path f = dir.resolve("cursor");
    try {
      return Files.exists(f) ? Instant.parse(Files.readString(f).trim()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void cursor(Instant t) {
    writeAtomically(dir.resolve("cursor"), t.toString());
  }

  private List<Path> segments() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seq(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
  }

  private static List<JsonObject> read(Path seg) {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (String l : Files.readAllLines(seg, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(new JsonObject(l));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAtomically(Path target, String content) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(StandardCharsets.UTF_8.encode(content));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + tmp + " to " + target, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the next start, which cleans temporary files
    }
  }
}
