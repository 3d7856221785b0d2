package org.borderpulse.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The write side: background batches at a fixed total rate from several senders (to THA-BKK, with
 * {@link EventMix}'s realistic mix, never to the probe post) and, from a thread of its own with an
 * HTTP client of its own, the probes: one event each to the probe post, one at a time, on a fixed
 * period. Everything goes over loopback HTTP to {@code POST /api/v1/events}, durably committed.
 */
final class LiveLoad {
  private final URI events;
  private final String token;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  LiveLoad(int port, String token) {
    this.events = URI.create("http://127.0.0.1:" + port + "/api/v1/events");
    this.token = token;
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private HttpResponse<String> post(HttpClient client, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Background ingest: {@code senders} threads, each sending a batch every senders × batch / rate seconds. */
  final class Background {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    final AtomicLong events = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong behind = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();
    final AtomicReference<String> firstFailure = new AtomicReference<>();

    Background(int rate, int batch, int senders) {
      long periodNanos = Math.round(senders * (double) batch / rate * 1e9);
      long start = System.nanoTime();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        Thread t = new Thread(() -> run(sender, start + periodNanos * sender / senders, periodNanos, batch),
            "live-bench-sender-" + s);
        t.setDaemon(true);
        threads.add(t);
      }
      threads.forEach(Thread::start);
    }

    private void run(int sender, long first, long period, int batch) {
      HttpClient client = http();
      String prefix = "lb" + runId + "s" + sender;
      for (int b = 0; !stop; b++) {
        long due = first + period * b;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -period) {
          behind.incrementAndGet();
        }
        if (stop) {
          break;
        }
        byte[] body = EventJson.array(EventMix.batch(prefix, b, 1_000_000, batch, sender, 30));
        long t0 = System.nanoTime();
        try {
          HttpResponse<String> r = post(client, body);
          Integer accepted = r.statusCode() == 200 ? new JsonObject(r.body()).getInteger("accepted") : null;
          if (accepted == null || accepted != batch) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, "HTTP " + r.statusCode() + " " + abbreviate(r.body()));
          } else {
            events.addAndGet(batch);
            batches.incrementAndGet();
            postNanos.add(System.nanoTime() - t0);
          }
        } catch (Exception e) {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, e.toString());
        }
      }
    }

    /** Batch POST round trips so far, sorted, in ns; clears them. */
    long[] drainPostTimes() {
      List<Long> l = new ArrayList<>();
      for (Long v; (v = postNanos.poll()) != null; ) {
        l.add(v);
      }
      long[] a = l.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(a);
      return a;
    }

    void stop() throws InterruptedException {
      stop = true;
      for (Thread t : threads) {
        t.join(35_000);
      }
    }
  }

  /**
   * The prober: every {@code periodMs} on average (±25% jitter) one event to {@code post} (workstation {@code workstation},
   * a fixed day of 2025-Q2), opened in {@link LiveProbes} before it is sent; the next one only
   * after the previous one's 200, so that count {@code base + k} means probe k.
   */
  final class Prober {
    private final Thread thread;
    private volatile boolean stop;
    private volatile String phase;
    private volatile int clients;
    final AtomicLong sent = new AtomicLong();
    final AtomicReference<String> failure = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();

    Prober(LiveProbes probes, String post, String workstation, int periodMs, String phase, int clients, int limit) {
      this.phase = phase;
      this.clients = clients;
      thread = new Thread(() -> {
        HttpClient client = http();
        long period = periodMs * 1_000_000L;
        // Jitter (±25%) so that probes fall at every phase of the server's live timer, not at a few.
        java.util.SplittableRandom jitter = new java.util.SplittableRandom(periodMs * 31L + limit);
        long due = System.nanoTime();
        for (int i = 0; !stop && (limit <= 0 || i < limit); i++) {
          if (i > 0) {
            due += (long) (period * (0.75 + 0.5 * jitter.nextDouble()));
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          if (stop) {
            break;
          }
          LiveProbes.Probe p = probes.open(this.phase, this.clients);
          String body = "[{\"id\":\"probe-" + runId + "-" + p.k + "\",\"type\":\"document_check\",\"post\":\"" + post
              + "\",\"workstation\":\"" + workstation + "\",\"occurredAt\":\"2025-06-01T10:00:00+07:00\","
              + "\"outcome\":\"genuine\",\"documentType\":\"passport\"}]";
          try {
            p.sentNanos = System.nanoTime();
            HttpResponse<String> r = post(client, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long now = System.nanoTime();
            if (r.statusCode() != 200 || !Integer.valueOf(1).equals(new JsonObject(r.body()).getInteger("accepted"))) {
              failure.compareAndSet(null, "probe " + p.k + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
              stop = true; // the count would no longer name the probe
              break;
            }
            p.committedNanos = now;
            postNanos.add(now - p.sentNanos);
            sent.incrementAndGet();
          } catch (Exception e) {
            failure.compareAndSet(null, "probe " + p.k + ": " + e);
            stop = true;
            break;
          }
        }
      }, "live-bench-prober");
      thread.setDaemon(true);
      thread.start();
    }

    /** Probes sent from now on belong to {@code phase}. */
    void phase(String phase) {
      this.phase = phase;
    }

    long[] drainPostTimes() {
      long[] a = postNanos.stream().mapToLong(Long::longValue).toArray();
      postNanos.clear();
      Arrays.sort(a);
      return a;
    }

    /** Waits for the prober to finish (its limit) or stops it now. */
    void join(boolean stopNow) throws InterruptedException {
      if (stopNow) {
        stop = true;
      }
      thread.join(60_000);
    }
  }

  static String percentiles(long[] sortedNanos) {
    if (sortedNanos.length == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", LiveProbes.Result.ms(sortedNanos, 0.50),
        LiveProbes.Result.ms(sortedNanos, 0.99), sortedNanos[sortedNanos.length - 1] / 1e6);
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
