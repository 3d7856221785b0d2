package org.borderpulse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.borderpulse.bench.ParallelRun.Measurement;

/** What the benchmark prints: the machine, one line per phase, and the medians with their ratio. */
final class Report {
  static final double TARGET = 0.50;
  private static final String ROW = "%-7s %-7s %9s %8s %11s %9s %11s %8s %8s%n";

  private Report() {}

  static void machine(BenchOptions o) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf("Machine: %d cores (%s), %s %s %s, load average %s%n", rt.availableProcessors(), cpuModel(),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"), loadAverage());
    System.out.printf("JVM:     %s %s (%s), max heap %d MB, args %s%n", System.getProperty("java.vm.vendor"),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), rt.maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf("Run:     %,d events per phase and round (%d batches of %,d) spread over %s, %d concurrent "
        + "senders, %d rounds, %d warm-up batches per phase%n", o.batches() * (long) o.batchSize(), o.batches(),
        o.batchSize(), o.days() > 0 ? "the last " + o.days() + " days of 2025" : "2019-2025", o.concurrency(),
        o.rounds(), o.warmupBatches());
  }

  static void header() {
    System.out.printf(ROW, "round", "phase", "rows", "seconds", "events/s", "JVM cpu", "(JIT, GC)", "PG cpu", "other");
  }

  static void line(String round, Measurement m) {
    System.out.printf(Locale.ROOT, ROW, round, m.phase(), String.format("%,d", m.rows()),
        String.format(Locale.ROOT, "%.2f", m.seconds()), String.format("%,.0f", m.rate()),
        seconds(m.cpu().jvmSeconds()), "(" + seconds(m.cpu().jitSeconds()) + ", " + seconds(m.cpu().gcSeconds()) + ")",
        seconds(m.cpu().postgresSeconds()), seconds(m.cpu().otherSeconds()));
  }

  /** The medians of each phase and ingest's ratio to each baseline, by events/s and by CPU per event. */
  static void summary(List<Measurement> copies, List<Measurement> binaries, List<Measurement> ingests) {
    double ingest = median(ingests);
    System.out.println();
    System.out.printf("Median COPY (text)   %,10.0f events/s%n", median(copies));
    System.out.printf("Median COPY (binary) %,10.0f events/s%n", median(binaries));
    System.out.printf("Median ingest        %,10.0f events/s%n", ingest);
    double ingestCpu = median(ingests, Report::cpuMicrosPerEvent);
    for (List<Measurement> baseline : List.of(copies, binaries)) {
      String name = baseline == copies ? "COPY (text)" : "COPY (binary)";
      double ratio = ingest / median(baseline), copyCpu = median(baseline, Report::cpuMicrosPerEvent);
      System.out.printf(Locale.ROOT, "Ratio ingest / %-13s = %.2f (target >= %.2f: %s); by CPU (JVM + PostgreSQL) "
          + "per event, %.1f µs against ingest's %.1f µs: %.2f%n", name, ratio, TARGET, ratio >= TARGET ? "met" : "NOT met",
          copyCpu, ingestCpu, copyCpu / ingestCpu);
    }
    System.out.println("By CPU: the events/s ratio to expect undisturbed, every phase being CPU-bound. CPU columns: "
        + "core-seconds used during the phase by this JVM (server + HTTP client; of it, its JIT compiler and garbage "
        + "collector threads), by PostgreSQL, and by anything else on the machine (disturbance). Load average now: "
        + loadAverage());
  }

  private static double cpuMicrosPerEvent(Measurement m) {
    return (m.cpu().jvmSeconds() + m.cpu().postgresSeconds()) * 1e6 / m.rows();
  }

  private static double median(List<Measurement> ms) {
    return median(ms, Measurement::rate);
  }

  private static double median(List<Measurement> ms, ToDoubleFunction<Measurement> value) {
    double[] values = ms.stream().mapToDouble(value).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1fs", s);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
