package org.borderpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Sends batches through {@code concurrency} workers, each taking the next unsent batch until
 * none is left. Workers are opened before the clock starts; the clock stops when the last batch
 * is acknowledged (committed) and what it left behind is drained. CPU is sampled before the workers close, while PostgreSQL's
 * backends for them still exist.
 */
final class ParallelRun {
  /** One sender: returns from {@link #send} only once the batch is durably stored. */
  interface Worker extends AutoCloseable {
    void send(PreparedBatch batch) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  /** Opens a worker, such as a database connection. */
  interface Workers {
    Worker open() throws Exception;
  }

  /** Rows stored, the wall-clock time they took and the CPU used meanwhile. */
  record Measurement(String phase, long rows, long nanos, CpuSample cpu) {
    double seconds() {
      return nanos / 1e9;
    }

    double rate() {
      return rows / seconds();
    }
  }

  private ParallelRun() {}

  /**
   * @param drain work the phase leaves behind that must be counted in it (the server's rollup
   *     writer folding the last batches): run once before the clock starts, so nothing of an
   *     earlier phase is counted, and once after the last batch, inside the clock
   */
  static Measurement run(String phase, List<PreparedBatch> batches, int concurrency, Workers workers,
      Supplier<CpuSample> cpu, Runnable drain) throws Exception {
    List<Worker> opened = new ArrayList<>();
    try {
      for (int i = 0; i < concurrency; i++) {
        opened.add(workers.open());
      }
      AtomicInteger next = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CyclicBarrier start = new CyclicBarrier(concurrency + 1);
      List<Thread> threads = new ArrayList<>();
      for (Worker w : opened) {
        Thread t = new Thread(() -> {
          try {
            start.await();
            for (int i = next.getAndIncrement(); i < batches.size() && failure.get() == null;
                i = next.getAndIncrement()) {
              w.send(batches.get(i));
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }, phase + "-sender-" + threads.size());
        threads.add(t);
        t.start();
      }
      drain.run();
      CpuSample before = cpu.get();
      start.await();
      long t0 = System.nanoTime();
      for (Thread t : threads) {
        t.join();
      }
      drain.run();
      long nanos = System.nanoTime() - t0;
      CpuSample used = cpu.get().minus(before);
      if (failure.get() != null) {
        throw new IllegalStateException(phase + " failed: " + failure.get().getMessage(), failure.get());
      }
      return new Measurement(phase, batches.stream().mapToLong(PreparedBatch::rows).sum(), nanos, used);
    } finally {
      for (Worker w : opened) {
        w.close();
      }
    }
  }
}
