package org.borderpulse.rollup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.borderpulse.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The start-up load of every rollup row, as fast as PostgreSQL can hand them out: COPY of
 * day-range slices of {@code rollup_block} on parallel connections, parsed off the event loop and handed over in
 * chunks. Blocking: run it on a worker.
 */
public final class RollupLoader {
  private static final int CHUNK = 10_000;

  private RollupLoader() {}

  /** Loads everything; {@code sink} gets chunks from several threads and must hand them to the cube's thread. */
  public static long load(Database db, int slices, Consumer<List<RollupRow>> sink) {
    int[] range = dayRange(db);
    if (range == null) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(slices, r -> {
      Thread t = new Thread(r, "rollup-load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Long>> parts = new ArrayList<>();
      int span = (range[1] - range[0]) / slices + 1;
      for (int i = 0; i < slices; i++) {
        int from = range[0] + i * span;
        int to = Math.min(range[1], from + span - 1);
        parts.add(pool.submit(() -> copy(db, from, to, sink)));
      }
      long n = 0;
      for (Future<Long> f : parts) {
        n += f.get();
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading rollups", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not load the rollups: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Connection connect(Database db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static int[] dayRange(Database db) {
    try (Connection c = connect(db);
         ResultSet rs = c.createStatement().executeQuery(RollupSql.DAY_RANGE)) {
      rs.next();
      return rs.getObject(1) == null ? null : new int[] {rs.getInt(1), rs.getInt(2)};
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the rollup day range: " + e.getMessage(), e);
    }
  }

  private static long copy(Database db, int fromDay, int toDay, Consumer<List<RollupRow>> sink)
      throws SQLException, IOException {
    try (Connection c = connect(db)) {
      String sql = RollupSql.COPY_SLICE.replace("$1", "'" + LocalDate.ofEpochDay(fromDay) + "'")
          .replace("$2", "'" + LocalDate.ofEpochDay(toDay) + "'");
      CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
      try (BufferedReader r = new BufferedReader(new CopyReader(out), 1 << 16)) {
        return parse(r, sink);
      }
    }
  }

  /** COPY text of {@code local_day, cells}: neither holds a tab, newline or backslash ({@link BlockCells}). */
  static long parse(BufferedReader r, Consumer<List<RollupRow>> sink) throws IOException {
    Map<String, String> strings = new HashMap<>();
    UnaryOperator<String> intern = v -> strings.computeIfAbsent(v, x -> x);
    List<List<RollupRow>> chunk = new ArrayList<>(List.of(new ArrayList<>(CHUNK)));
    long[] n = {0};
    String line;
    while ((line = r.readLine()) != null) {
      int tab = line.indexOf('\t');
      LocalDate day = LocalDate.parse(line.substring(0, tab));
      BlockCells.parse(line.subSequence(tab + 1, line.length()), (dimensions, value, events) -> {
        chunk.get(0).add(RollupRow.of(day, dimensions, value, events, intern));
        n[0]++;
        if (chunk.get(0).size() == CHUNK) {
          sink.accept(chunk.get(0));
          chunk.set(0, new ArrayList<>(CHUNK));
        }
      });
    }
    if (!chunk.get(0).isEmpty()) {
      sink.accept(chunk.get(0));
    }
    return n[0];
  }

  /** A Reader over a COPY OUT stream. */
  private static final class CopyReader extends Reader {
    private final CopyOut out;
    private java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(0);

    CopyReader(CopyOut out) {
      this.out = out;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      while (!chars.hasRemaining()) {
        byte[] next;
        try {
          next = out.readFromCopy();
        } catch (SQLException e) {
          throw new IOException(e);
        }
        if (next == null) {
          return -1;
        }
        chars = java.nio.charset.StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(next));
      }
      int n = Math.min(len, chars.remaining());
      chars.get(cbuf, off, n);
      return n;
    }

    @Override
    public void close() {
      try {
        if (out.isActive()) {
          out.cancelCopy();
        }
      } catch (SQLException e) {
        throw new UncheckedIOException(new IOException(e));
      }
    }
  }
}
