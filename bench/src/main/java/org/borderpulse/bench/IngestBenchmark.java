package org.borderpulse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderpulse.bench.ParallelRun.Measurement;

/**
 * Durable ingest throughput against a baseline from the same run: one server on an embedded
 * PostgreSQL with fsync and synchronous_commit on (or, with --as-shipped, the server's own
 * embedded PostgreSQL as it ships), batches sent over loopback HTTP to
 * {@code POST /api/v1/events}, and the same rows loaded with COPY into copies of the event
 * table, one transaction per batch, with the same concurrency: in text form (the baseline since
 * issue 2) and in binary form (what the server's fast path sends since decision 011, and the
 * cheaper of the two for PostgreSQL). Phases rotate in order from round to round; the medians
 * are compared.
 */
public final class IngestBenchmark {
  static final String COPY = "COPY", BINARY = "COPYbin", INGEST = "ingest";
  private final BenchOptions options;
  private final BenchDatabase db;
  private final HttpIngest ingest;
  private final Map<String, ParallelRun.Workers> phases = new LinkedHashMap<>();
  private final long postmaster;
  private final BenchServer bench;

  private IngestBenchmark(BenchOptions options, BenchServer bench) {
    this.options = options;
    this.bench = bench;
    this.db = new BenchDatabase(bench.server().database());
    this.ingest = new HttpIngest(bench.server().port(), bench.token());
    phases.put(COPY, new CopyLoad(bench.server().database()));
    phases.put(BINARY, CopyLoad.binary(bench.server().database()));
    phases.put(INGEST, ingest);
    this.postmaster = CpuSample.postmasterPid(bench.pgData());
  }

  public static void main(String[] args) {
    BenchOptions options = BenchOptions.parseOrExit(args);
    Report.machine(options);
    BenchServer.runAndExit(options, bench -> new IngestBenchmark(options, bench).run());
  }

  private void run() throws Exception {
    db.createCopyTables();
    db.describe().forEach(l -> System.out.println("DB:      " + l));
    Report.header();
    List<PreparedBatch> warmup = prepare(options, "w", 0, options.warmupBatches());
    for (String phase : phases.keySet()) {
      run("warm", phase, warmup);
    }
    Map<String, List<Measurement>> measured = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(phases.keySet());
    for (int round = 1; round <= options.rounds(); round++) {
      List<PreparedBatch> batches = prepare(options, "r" + round, round, options.batches());
      for (String phase : order) {
        measured.computeIfAbsent(phase, k -> new ArrayList<>()).add(run(Integer.toString(round), phase, batches));
      }
      Collections.rotate(order, 1);
    }
    long rows = (long) options.batchSize() * (options.warmupBatches() + (long) options.rounds() * options.batches());
    System.out.println("Checked: " + db.verify(rows));
    Report.summary(measured.get(COPY), measured.get(BINARY), measured.get(INGEST));
  }

  private Measurement run(String round, String phase, List<PreparedBatch> batches) throws Exception {
    if (batches.isEmpty()) {
      return null;
    }
    db.checkpoint();
    Measurement m = ParallelRun.run(phase, batches, options.concurrency(), phases.get(phase),
        () -> CpuSample.now(postmaster), phase.equals(INGEST) ? bench::flushRollups : () -> { });
    Report.line(round, m);
    return m;
  }

  /** Encodes the batches of one round (ids prefixed, batch_seq unique across rounds) before timing. */
  static List<PreparedBatch> prepare(BenchOptions options, String prefix, int round, int batches) {
    List<PreparedBatch> out = new ArrayList<>(batches);
    for (int b = 0; b < batches; b++) {
      out.add(PreparedBatch.of(round * 1_000_000L + b,
          EventMix.batch(prefix, b, batches, options.batchSize(), round, options.days())));
    }
    return out;
  }
}
