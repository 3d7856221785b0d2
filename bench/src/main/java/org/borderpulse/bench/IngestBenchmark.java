package org.borderpulse.bench;

import java.util.ArrayList;
import java.util.List;
import org.borderpulse.bench.ParallelRun.Measurement;

/**
 * Durable ingest throughput against a baseline from the same run: one server on an embedded
 * PostgreSQL with fsync and synchronous_commit on (or, with --as-shipped, the server's own
 * embedded PostgreSQL as it ships), batches sent over loopback HTTP to
 * {@code POST /api/v1/events}, and the same rows loaded with COPY into a copy of the event
 * table, one transaction per batch, with the same concurrency. Phases alternate in order from
 * round to round; the medians are compared.
 */
public final class IngestBenchmark {
  private final BenchOptions options;
  private final BenchDatabase db;
  private final HttpIngest ingest;
  private final CopyLoad copy;
  private final long postmaster;
  private final BenchServer bench;

  private IngestBenchmark(BenchOptions options, BenchServer bench) {
    this.options = options;
    this.bench = bench;
    this.db = new BenchDatabase(bench.server().database());
    this.ingest = new HttpIngest(bench.server().port(), bench.token());
    this.copy = new CopyLoad(bench.server().database());
    this.postmaster = CpuSample.postmasterPid(bench.pgData());
  }

  public static void main(String[] args) {
    BenchOptions options = BenchOptions.parseOrExit(args);
    Report.machine(options);
    BenchServer.runAndExit(options, bench -> new IngestBenchmark(options, bench).run());
  }

  private void run() throws Exception {
    db.createCopyTable();
    db.describe().forEach(l -> System.out.println("DB:      " + l));
    Report.header();
    List<PreparedBatch> warmup = prepare(options, "w", 0, options.warmupBatches());
    run("warm", "COPY", warmup);
    run("warm", "ingest", warmup);
    List<Measurement> copies = new ArrayList<>(), ingests = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      List<PreparedBatch> batches = prepare(options, "r" + round, round, options.batches());
      boolean copyFirst = round % 2 == 1;
      for (String phase : copyFirst ? List.of("COPY", "ingest") : List.of("ingest", "COPY")) {
        (phase.equals("COPY") ? copies : ingests).add(run(Integer.toString(round), phase, batches));
      }
    }
    long rows = (long) options.batchSize() * (options.warmupBatches() + (long) options.rounds() * options.batches());
    System.out.println("Checked: " + db.verify(rows));
    Report.summary(copies, ingests);
  }

  private Measurement run(String round, String phase, List<PreparedBatch> batches) throws Exception {
    if (batches.isEmpty()) {
      return null;
    }
    db.checkpoint();
    Measurement m = ParallelRun.run(phase, batches, options.concurrency(),
        phase.equals("COPY") ? copy : ingest, () -> CpuSample.now(postmaster),
        phase.equals("COPY") ? () -> { } : bench::flushRollups);
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
