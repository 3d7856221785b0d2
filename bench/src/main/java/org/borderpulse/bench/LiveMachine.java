package org.borderpulse.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link LiveBenchmark} reads about the machine from Linux's /proc: load average, the open
 * files limit and count, and CPU time (clock ticks) of a process, of PostgreSQL (postmaster and
 * its backends) and of the whole machine. Zeros or "n/a" where /proc is unavailable.
 */
final class LiveMachine {
  static final double TICKS_PER_SECOND = 100.0;

  private LiveMachine() {}

  /** The 1-, 5- and 15-minute load averages, or {@code null}. */
  static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String loadAverageText() {
    double[] l = loadAverage();
    return l == null ? "n/a" : String.format(Locale.ROOT, "%.2f %.2f %.2f", l[0], l[1], l[2]);
  }

  /**
   * Waits (bounded) until the 1-minute load average is below {@code threshold}, polling every 10 s.
   * Returns a sentence for the report saying whether the machine was quiet.
   */
  static String waitUntilQuiet(double threshold, int maxSeconds) throws InterruptedException {
    long start = System.nanoTime();
    double[] first = loadAverage();
    if (first == null) {
      return "load average unavailable; did not wait";
    }
    double[] l = first;
    while (l[0] >= threshold && (System.nanoTime() - start) / 1e9 < maxSeconds) {
      System.out.printf(Locale.ROOT, "Waiting for a quiet machine: load average %.2f >= %.2f (%.0f s of at most %d s)%n",
          l[0], threshold, (System.nanoTime() - start) / 1e9, maxSeconds);
      Thread.sleep(10_000);
      l = loadAverage();
    }
    long waited = Math.round((System.nanoTime() - start) / 1e9);
    if (l[0] < threshold) {
      return String.format(Locale.ROOT, "quiet: 1-min load average %.2f < %.2f (at start %.2f; waited %d s)", l[0],
          threshold, first[0], waited);
    }
    return String.format(Locale.ROOT, "BUSY: 1-min load average still %.2f >= %.2f after waiting %d s; "
        + "figures are disturbed by other work", l[0], threshold, waited);
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  static long memTotalMb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The soft limit on open files ({@code ulimit -n}) of a process, -1 if unknown. */
  static long openFilesLimit(String pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", pid, "limits"))) {
        if (l.startsWith("Max open files")) {
          String v = l.substring("Max open files".length()).trim().split("\\s+")[0];
          return v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return -1;
  }

  /** Open file descriptors of a process right now, -1 if unknown. */
  static long openFiles(String pid) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid, "fd"))) {
      long n = 0;
      for (Path ignored : fds) {
        n++;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String readFirstLine(Path p) {
    try {
      return Files.readAllLines(p).get(0).trim();
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** Resident set size of a process in KiB, -1 if unknown. */
  static long rssKb(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return -1;
  }

  /** CPU ticks (user + system) of one process. */
  static long processTicks(long pid) {
    String[] f = statFields(Long.toString(pid));
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** CPU ticks in the kernel (system time) of one process. */
  static long systemTicks(long pid) {
    String[] f = statFields(Long.toString(pid));
    return f == null ? 0 : Long.parseLong(f[12]);
  }

  /** CPU ticks of the postmaster and every process whose parent it is. */
  static long postgresTicks(long postmaster) {
    if (postmaster <= 0) {
      return 0;
    }
    long sum = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        String pid = p.getFileName().toString();
        String[] f = statFields(pid);
        if (f != null && (pid.equals(Long.toString(postmaster)) || f[1].equals(Long.toString(postmaster)))) {
          sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return sum;
  }

  /** All CPUs' busy ticks: everything but idle and iowait. */
  static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The fields of /proc/PID/stat after the command name (which may hold spaces): index 0 is the
   * state, 1 the parent pid, 11 utime and 12 stime.
   */
  static String[] statFields(String pid) {
    try {
      String s = Files.readString(Path.of("/proc", pid, "stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU ticks at one moment: the server JVM, PostgreSQL, this (client) JVM and the machine. */
  record Cpu(long server, long serverSystem, long postgres, long clients, long machine, long nanos) {
    static Cpu now(long serverPid, long postmasterPid) {
      return new Cpu(processTicks(serverPid), systemTicks(serverPid), postgresTicks(postmasterPid),
          processTicks(ProcessHandle.current().pid()), machineBusyTicks(), System.nanoTime());
    }

    /** "server 0.93 (kernel 0.40), PG 0.31, … cores" between {@code earlier} and this. */
    String since(Cpu earlier) {
      double secs = (nanos - earlier.nanos) / 1e9;
      if (secs <= 0) {
        return "n/a";
      }
      double s = (server - earlier.server) / TICKS_PER_SECOND / secs;
      double k = (serverSystem - earlier.serverSystem) / TICKS_PER_SECOND / secs;
      double p = Math.max(0, postgres - earlier.postgres) / TICKS_PER_SECOND / secs;
      double c = (clients - earlier.clients) / TICKS_PER_SECOND / secs;
      double all = (machine - earlier.machine) / TICKS_PER_SECOND / secs;
      return String.format(Locale.ROOT, "server %.2f (kernel %.2f), PG %.2f, clients+load %.2f, other %.2f cores", s, k, p, c,
          Math.max(0, all - s - p - c));
    }
  }
}
