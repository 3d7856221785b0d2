package org.borderpulse.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far, from Linux's /proc, in clock ticks: by this JVM (server and load
 * generator), by the PostgreSQL postmaster and its backends, and by the whole machine. The
 * difference of two samples shows where a phase spent its CPU; what the machine used beyond the
 * JVM and PostgreSQL is other processes disturbing the run. Zeros where /proc is unavailable.
 */
record CpuSample(long jvm, long postgres, long machineBusy) {
  /** Linux's USER_HZ, the unit of /proc's CPU times. */
  static final double TICKS_PER_SECOND = 100.0;

  static CpuSample now(long postmasterPid) {
    return new CpuSample(processTicks("self"), postgresTicks(postmasterPid), machineBusyTicks());
  }

  CpuSample minus(CpuSample earlier) {
    return new CpuSample(jvm - earlier.jvm, postgres - earlier.postgres, machineBusy - earlier.machineBusy);
  }

  double jvmSeconds() {
    return jvm / TICKS_PER_SECOND;
  }

  double postgresSeconds() {
    return postgres / TICKS_PER_SECOND;
  }

  double otherSeconds() {
    return Math.max(0, machineBusy - jvm - postgres) / TICKS_PER_SECOND;
  }

  /** The postmaster's pid, from the first line of {@code postmaster.pid} in its data directory. */
  static long postmasterPid(Path pgData) {
    try {
      return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The postmaster and every process it forked (backends, WAL writer, checkpointer …). */
  private static long postgresTicks(long postmaster) {
    if (postmaster <= 0) {
      return 0;
    }
    long sum = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        String[] f = LiveMachine.statFields(p.getFileName().toString());
        if (f != null && (p.getFileName().toString().equals(Long.toString(postmaster))
            || f[1].equals(Long.toString(postmaster)))) {
          sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return sum;
  }

  private static long processTicks(String pid) {
    String[] f = LiveMachine.statFields(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** All CPUs' busy ticks (everything but idle and iowait). */
  private static long machineBusyTicks() {
    return LiveMachine.machineBusyTicks();
  }
}
