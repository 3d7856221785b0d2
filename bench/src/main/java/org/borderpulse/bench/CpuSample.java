package org.borderpulse.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far, from Linux's /proc, in clock ticks: by this JVM (server and load
 * generator) and, of that, by its JIT compiler and garbage collector threads; by the PostgreSQL
 * postmaster and its backends; and by the whole machine. The difference of two samples shows
 * where a phase spent its CPU; what the machine used beyond the JVM and PostgreSQL is other
 * processes disturbing the run. Zeros where /proc is unavailable.
 */
record CpuSample(long jvm, long jit, long gc, long postgres, long machineBusy) {
  /** Linux's USER_HZ, the unit of /proc's CPU times. */
  static final double TICKS_PER_SECOND = 100.0;

  static CpuSample now(long postmasterPid) {
    long[] jitAndGc = jitAndGcTicks();
    return new CpuSample(processTicks("self"), jitAndGc[0], jitAndGc[1], LiveMachine.postgresTicks(postmasterPid),
        LiveMachine.machineBusyTicks());
  }

  CpuSample minus(CpuSample earlier) {
    return new CpuSample(jvm - earlier.jvm, jit - earlier.jit, gc - earlier.gc, postgres - earlier.postgres,
        machineBusy - earlier.machineBusy);
  }

  double jitSeconds() {
    return jit / TICKS_PER_SECOND;
  }

  double gcSeconds() {
    return gc / TICKS_PER_SECOND;
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

  private static long processTicks(String pid) {
    String[] f = LiveMachine.statFields(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * Ticks of this JVM's compiler threads ("C1/C2 CompilerThread…") and garbage collector threads
   * (G1's "GC Thread#…", "G1 Conc#…", "G1 Refine#…" …), by thread name in /proc/self/task.
   */
  private static long[] jitAndGcTicks() {
    long jit = 0, gc = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        String name;
        try {
          name = Files.readString(t.resolve("comm")).trim();
        } catch (IOException e) {
          continue; // a thread that ended meanwhile (a sender): neither JIT nor GC
        }
        boolean isJit = name.contains("CompilerThre");
        boolean isGc = name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread");
        String[] f = isJit || isGc ? LiveMachine.statFields("self/task/" + t.getFileName()) : null;
        if (f != null) {
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          if (isJit) {
            jit += ticks;
          } else {
            gc += ticks;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
    return new long[] {jit, gc};
  }
}
