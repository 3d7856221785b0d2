package org.borderpulse.rollup;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.borderpulse.ingest.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds committed batches into the stored rollups ({@code rollup_block}: blocks of cells per post
 * and day, in parts) behind the ingest transaction (decision 010). Deltas arrive on {@link
 * RollupBus#DELTAS} after each commit; they are summed per block in memory and written every
 * {@code rollup.flushMs} (or sooner when many deltas wait) as one new part per block, in one
 * transaction that also marks the batches folded ({@code ingest_batch.rolled}) and merges the
 * parts of blocks that hold too many. A batch is therefore in the rollups exactly once: either
 * its sums and its mark commit together, or neither.
 * At start, before any ingest, batches committed but never folded (a crash, an outage) are folded
 * from their stored events with the same delta function the ingest path uses.
 */
public final class RollupWriter extends VerticleBase {
  /** Request: write what is pending now; replies with the number of batches written (tests, benchmarks). */
  public static final String FLUSH = "borderpulse.rollup.flush";
  private static final Logger LOG = LoggerFactory.getLogger(RollupWriter.class);
  /** Deltas waiting that trigger a write before the timer. */
  private static final int EARLY_DELTAS = 50_000;
  /** A touched block with more parts than this is merged into one part. */
  static final int MAX_PARTS = 16;
  /** Start-up folding logs its progress this often. */
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
  /** Batches folded per transaction at start. */
  private static final int RECOVERY_BATCHES = 200;

  private final Pool pool;
  private final Function<String, ZoneId> zones;
  private final long intervalMs;

  /** A stored block: one post's day. */
  private record BlockKey(LocalDate day, String post) {}

  private static final Comparator<BlockKey> KEY_ORDER =
      Comparator.comparing(BlockKey::day).thenComparing(BlockKey::post);

  /** Sums of some batches not yet written, by block, and those batches. */
  private static final class Pending {
    final Map<BlockKey, BlockCells> blocks = new HashMap<>();
    final List<Long> seqs = new ArrayList<>();
    int deltas;

    void add(long seq, List<RollupStore.Delta> deltas) {
      seqs.add(seq);
      sum(deltas);
    }

    void sum(List<RollupStore.Delta> list) {
      for (RollupStore.Delta d : list) {
        block(new BlockKey(d.day(), d.post())).add(d.dimensions(), d.value(), d.events());
      }
      deltas += list.size();
    }

    void addAll(Pending p) {
      seqs.addAll(p.seqs);
      p.blocks.forEach((k, b) -> block(k).addAll(b));
      deltas += p.deltas;
    }

    private BlockCells block(BlockKey k) {
      return blocks.computeIfAbsent(k, x -> new BlockCells());
    }
  }

  private Pending pending = new Pending();
  /** Writes that failed: committed or not is unknown until the batches' marks are read back. */
  private final List<Pending> inDoubt = new ArrayList<>();
  private Future<Integer> chain = Future.succeededFuture(0);
  private boolean writing;

  /** @param zones the time zone of a post (an hour of a crossing count, when folding from stored events) */
  public RollupWriter(Pool pool, Function<String, ZoneId> zones, long intervalMs) {
    this.pool = pool;
    this.zones = zones;
    this.intervalMs = intervalMs;
  }

  @Override
  public Future<?> start() {
    RollupBus.register(vertx);
    MessageConsumer<RollupBus.Deltas> deltas = vertx.eventBus().localConsumer(RollupBus.DELTAS, m -> {
      pending.add(m.body().seq(), m.body().deltas());
      if (pending.deltas >= EARLY_DELTAS && !writing) {
        flush();
      }
    });
    MessageConsumer<Object> flush = vertx.eventBus().localConsumer(FLUSH,
        m -> flush().onComplete(r -> m.reply(r.succeeded() ? r.result() : -1)));
    return Future.all(deltas.completion(), flush.completion())
        .compose(x -> recover())
        .onSuccess(x -> vertx.setPeriodic(intervalMs, t -> {
          if (!writing) {
            flush();
          }
        }));
  }

  /** The last write; what cannot be written now is folded from the stored events at the next start. */
  @Override
  public Future<?> stop() {
    return flush().onComplete(r -> {
      if (r.failed() || !pending.seqs.isEmpty() || !inDoubt.isEmpty()) {
        LOG.warn("Rollups: some committed batches are not folded into the rollups yet ({}); the next start folds "
            + "them from their stored events", r.failed() ? r.cause().toString() : "writes in doubt");
      }
    }).otherwiseEmpty();
  }

  /** Queues a write of everything pending now; the future tells how many batches it wrote. */
  Future<Integer> flush() {
    chain = chain.transform(x -> write());
    return chain;
  }

  private Future<Integer> write() {
    writing = true;
    return resolveInDoubt().compose(x -> {
      if (pending.seqs.isEmpty()) {
        return Future.succeededFuture(0);
      }
      Pending p = pending;
      pending = new Pending();
      return fold(p).recover(e -> {
        inDoubt.add(p);
        return Future.failedFuture(e);
      });
    }).onComplete(x -> writing = false);
  }

  /** A failed write may have committed: the batches' marks tell; not committed, its sums wait again. */
  private Future<Void> resolveInDoubt() {
    if (inDoubt.isEmpty()) {
      return Future.succeededFuture();
    }
    Pending p = inDoubt.get(0);
    return pool.preparedQuery(RollupSql.COUNT_ROLLED).execute(Tuple.of(seqs(p))).compose(rs -> {
      inDoubt.remove(0);
      if (rs.iterator().next().getLong(0) == 0) {
        pending.addAll(p);
      }
      return resolveInDoubt();
    });
  }

  /**
   * Adds the sums as one new part per touched block, marks the batches rolled and merges the
   * parts of touched blocks that hold more than {@link #MAX_PARTS}, in one transaction.
   */
  private Future<Integer> fold(Pending p) {
    List<BlockKey> keys = new ArrayList<>(p.blocks.keySet());
    keys.sort(KEY_ORDER);
    BlockColumns c = BlockColumns.of(keys, p.blocks);
    Long[] seqs = seqs(p);
    long part = p.seqs.stream().mapToLong(Long::longValue).min().orElseThrow();
    return pool.withTransaction(conn -> conn.preparedQuery(RollupSql.ADD_PARTS)
            .execute(Tuple.tuple().addLong(part).addValue(c.day()).addValue(c.post()).addValue(c.cells()))
        .compose(x -> conn.preparedQuery(RollupSql.MARK_ROLLED).execute(Tuple.of(seqs)))
        .compose(marked -> marked.rowCount() == seqs.length
            ? conn.preparedQuery(RollupSql.TAKE_FULL_BLOCKS)
                .execute(Tuple.tuple().addValue(c.day()).addValue(c.post()).addInteger(MAX_PARTS))
                .compose(full -> merge(conn, full)).map(seqs.length)
            // a batch folded twice would count twice: roll back; the unmarked ones are folded at the next start
            : Future.failedFuture(new IllegalStateException((seqs.length - marked.rowCount())
                + " of the batches were already folded"))))
        .recover(e -> e instanceof IllegalStateException ? drop(e, seqs.length) : Future.failedFuture(e));
  }

  /** Writes each block's taken parts back as one part. */
  private static Future<?> merge(SqlConnection conn, RowSet<Row> parts) {
    if (parts.size() == 0) {
      return Future.succeededFuture();
    }
    Map<BlockKey, BlockCells> merged = new HashMap<>();
    Map<BlockKey, Long> newest = new HashMap<>();
    for (Row r : parts) {
      BlockKey k = new BlockKey(r.getLocalDate(0), r.getString(1));
      BlockCells cells = merged.computeIfAbsent(k, x -> new BlockCells());
      BlockCells.parse(r.getString(3), cells::add);
      newest.merge(k, r.getLong(2), Math::max);
    }
    List<BlockKey> keys = new ArrayList<>(merged.keySet());
    BlockColumns c = BlockColumns.of(keys, merged);
    Long[] part = keys.stream().map(newest::get).toArray(Long[]::new);
    return conn.preparedQuery(RollupSql.ADD_MERGED)
        .execute(Tuple.tuple().addValue(c.day()).addValue(c.post()).addValue(part).addValue(c.cells()));
  }

  /** Blocks as statement columns, in the keys' order. */
  private record BlockColumns(LocalDate[] day, String[] post, String[] cells) {
    static BlockColumns of(List<BlockKey> keys, Map<BlockKey, BlockCells> blocks) {
      int n = keys.size();
      BlockColumns c = new BlockColumns(new LocalDate[n], new String[n], new String[n]);
      for (int i = 0; i < n; i++) {
        BlockKey k = keys.get(i);
        c.day[i] = k.day();
        c.post[i] = k.post();
        c.cells[i] = blocks.get(k).text();
      }
      return c;
    }
  }

  private static Future<Integer> drop(Throwable e, int batches) {
    LOG.error("Rollups: a write of {} batches was dropped: {}", batches, e.getMessage());
    return Future.succeededFuture(0);
  }

  private static Long[] seqs(Pending p) {
    return p.seqs.toArray(Long[]::new);
  }

  /** How far the start-up folding is, for its log lines. */
  private static final class Recovery {
    final long total;
    final long started = System.nanoTime();
    long batches;
    long events;
    long lastLog = started;

    Recovery(long total) {
      this.total = total;
    }
  }

  /** Folds every committed batch not yet rolled, from its stored events, oldest first, logging progress. */
  private Future<Void> recover() {
    return pool.query(RollupSql.COUNT_UNROLLED).execute().compose(rs -> {
      long total = rs.iterator().next().getLong(0);
      if (total > 0) {
        LOG.info("Rollups: folding {} batches committed before the last stop but not yet in the stored rollups", total);
      }
      return recover(new Recovery(total));
    });
  }

  private Future<Void> recover(Recovery r) {
    return pool.preparedQuery(RollupSql.UNROLLED).execute(Tuple.of(RECOVERY_BATCHES)).compose(rs -> {
      if (rs.size() == 0) {
        if (r.batches > 0) {
          LOG.info("Rollups: folded {} batches ({} events) committed before the last stop into the rollups in {} ms",
              r.batches, r.events, (System.nanoTime() - r.started) / 1_000_000);
        }
        return Future.succeededFuture();
      }
      List<Long> seqs = new ArrayList<>();
      rs.forEach(row -> seqs.add(row.getLong(0)));
      return pool.preparedQuery(RollupSql.EVENTS_OF_BATCHES).execute(Tuple.of(seqs.toArray(Long[]::new)))
          .compose(stored -> {
            List<Event> list = new ArrayList<>(stored.size());
            stored.forEach(row -> list.add(event(row)));
            Pending p = new Pending();
            p.seqs.addAll(seqs);
            p.sum(RollupStore.deltas(list));
            return fold(p).compose(x -> {
              r.batches += seqs.size();
              r.events += list.size();
              long now = System.nanoTime();
              if (now - r.lastLog > PROGRESS_EVERY_NANOS) {
                r.lastLog = now;
                LOG.info("Rollups: folded {} of {} batches so far", r.batches, r.total);
              }
              return recover(r);
            });
          });
    });
  }

  private Event event(Row r) {
    java.time.OffsetDateTime at = r.getOffsetDateTime("occurred_at");
    ZoneId zone = zones.apply(r.getString("post_id"));
    int hour = zone == null ? at.getHour() : at.atZoneSameInstant(zone).getHour();
    return new Event(r.getString("id"), r.getString("type"), r.getString("post_id"), r.getString("workstation_id"), at,
        r.getLocalDate("local_day"), hour, r.getString("outcome"), r.getString("document_type"),
        r.getString("issuing_country"), r.getString("nationality"), r.getString("fraud_type"),
        r.getString("document_hash"), r.getString("direction"), r.getString("reason"), r.getInteger("persons"),
        r.getInteger("count"), r.getInteger("period_minutes"));
  }
}
