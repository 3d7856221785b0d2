package org.borderpulse.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.borderpulse.catalog.Countries;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.ingest.Event;
import org.borderpulse.ingest.EventReader;
import org.borderpulse.ingest.EventStore;
import org.borderpulse.ingest.EventValidator;
import org.borderpulse.rollup.RollupStore;

/**
 * Where ingest time goes, one batch at a time on one thread, with the server's own classes: JSON
 * parsing, validation (and inside it the calls the profiler shows hot), the content hash, and
 * {@link EventStore#store} against COPY of the same rows, both committed. Then
 * {@link StatementProfile} explains the insert statement. A warm-up pass, then three measured
 * passes over fresh batches; the median is printed.
 */
public final class IngestProfile {
  private static final String ROW = "%-58s %10s %10s %10s%n";
  private static final int PASSES = 3;
  /** Per stage, its µs per event in each measured pass. */
  private final Map<String, List<Double>> timings = new LinkedHashMap<>();
  private final BenchOptions options;
  private final BenchServer bench;
  private final EventValidator validator;
  private final Post post;

  private IngestProfile(BenchOptions options, BenchServer bench) {
    this.options = options;
    this.bench = bench;
    List<Post> posts = ReferenceFiles.posts(options.configDir().resolve("posts.yaml"));
    this.post = posts.stream().filter(p -> p.id().equals(EventMix.POST)).findFirst().orElseThrow();
    this.validator = new EventValidator(id -> id.equals(post.id()) ? Optional.of(post) : Optional.empty(),
        Clock.systemUTC());
  }

  public static void main(String[] args) {
    BenchOptions options = BenchOptions.parseOrExit(args);
    Report.machine(options);
    BenchServer.runAndExit(options, bench -> new IngestProfile(options, bench).run());
  }

  private void run() throws Exception {
    new BenchDatabase(bench.server().database()).createCopyTables();
    long postmaster = CpuSample.postmasterPid(bench.pgData());
    for (int pass = 0; pass <= PASSES; pass++) {
      List<PreparedBatch> batches = IngestBenchmark.prepare(options, "p" + pass, 10 + pass, options.batches());
      CpuSample before = CpuSample.now(postmaster);
      profile(batches, pass > 0);
      System.out.printf(Locale.ROOT, "pass %d%s: other processes used %.1f core-seconds meanwhile%n", pass,
          pass == 0 ? " (warm-up)" : "", CpuSample.now(postmaster).minus(before).otherSeconds());
    }
    System.out.printf("%nOne thread, one batch at a time, %d batches of %d events, %d passes:%n",
        options.batches(), options.batchSize(), PASSES);
    System.out.printf(ROW, "stage", "µs/event", "(min)", "ms/batch");
    timings.forEach((name, micros) -> {
      List<Double> sorted = micros.stream().sorted().toList();
      double median = sorted.get(sorted.size() / 2);
      System.out.printf(Locale.ROOT, ROW, name, String.format(Locale.ROOT, "%.2f", median),
          String.format(Locale.ROOT, "%.2f", sorted.get(0)),
          String.format(Locale.ROOT, "%.2f", median * options.batchSize() / 1000));
    });
    new StatementProfile(bench.server().database(), options).run();
  }

  private void profile(List<PreparedBatch> batches, boolean record) throws Exception {
    List<List<EventReader.Raw>> raws = new ArrayList<>();
    List<List<Event>> events = new ArrayList<>();
    List<List<EventStore.Indexed>> indexed = new ArrayList<>();
    stage(record, "parse JSON body (EventReader.read)", batches,
        b -> raws.add(EventReader.read(Buffer.buffer(b.json()), false)));
    stage(record, "validate + normalise (EventValidator.validate)", raws, r -> events.add(validate(r)));
    stage(record, "  of it: OffsetDateTime.parse(occurredAt)", raws,
        r -> r.forEach(x -> OffsetDateTime.parse(((JsonObject) x.value()).getString("occurredAt"))));
    stage(record, "  of it: Countries.problem(nationality)", events,
        l -> l.forEach(e -> Countries.problem(e.nationality() == null ? "THA" : e.nationality())));
    stage(record, "  of it: Post.hasWorkstation(workstation)", events,
        l -> l.forEach(e -> post.hasWorkstation(e.workstation() == null ? "THA-BKK-P01" : e.workstation())));
    stage(record, "content hash (Event.contentHash, SHA-256)", events, l -> indexed.add(index(l)));
    stage(record, "rollup deltas (RollupStore.deltas)", events, RollupStore::deltas);
    EventStore store = new EventStore(bench.server().pool(), bench.server().copies());
    stage(record, "store: EventStore.prepare + store (COPY, batch row, commit)", indexed,
        l -> BenchServer.await(store.store(EventStore.prepare(l, 0)), 1));
    ParallelRun.Worker copy = new CopyLoad(bench.server().database()).open();
    stage(record, "baseline: COPY of the same rows (commit)", batches, copy::send);
    copy.close();
  }

  private List<Event> validate(List<EventReader.Raw> raws) {
    JsonArray errors = new JsonArray();
    List<Event> out = new ArrayList<>(raws.size());
    for (EventReader.Raw raw : raws) {
      out.add(validator.validate(raw, errors));
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("invalid events: " + errors.encode());
    }
    return out;
  }

  private static List<EventStore.Indexed> index(List<Event> events) {
    List<EventStore.Indexed> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      out.add(new EventStore.Indexed(i, events.get(i), events.get(i).contentHash()));
    }
    return out;
  }

  /** A step that may throw. */
  private interface Step<T> {
    void accept(T batch) throws Exception;
  }

  /** Runs {@code step} on every batch and, when {@code record}, keeps its cost per event. */
  private <T> void stage(boolean record, String name, List<T> batches, Step<T> step) throws Exception {
    long t0 = System.nanoTime();
    for (T b : batches) {
      step.accept(b);
    }
    double nanos = System.nanoTime() - t0;
    if (record) {
      timings.computeIfAbsent(name, k -> new ArrayList<>()).add(nanos / 1e3 / batches.size() / options.batchSize());
    }
  }
}
