package org.borderpulse.sim;

import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.borderpulse.client.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One post's uplink: forwards its spool to the server in batches, oldest first, and removes a
 * batch only after a 2xx. Network errors, 429 and 503 are retried with backoff and jitter
 * (never sooner than Retry-After); other 4xx answers set the batch aside so it cannot block
 * the queue.
 */
final class PostLink implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PostLink.class);
  private static final int BATCH = 1000;

  private final String post;
  private final Spool spool;
  private final ApiClient client;
  private final Supplier<String> token;
  private final Runnable tokenRejected;
  private final Incidents incidents;
  private final AtomicLong sent;
  private volatile boolean running = true;

  PostLink(String post, Spool spool, ApiClient client, Supplier<String> token, Runnable tokenRejected,
      Incidents incidents, AtomicLong sent) {
    this.post = post;
    this.spool = spool;
    this.client = client;
    this.token = token;
    this.tokenRejected = tokenRejected;
    this.incidents = incidents;
    this.sent = sent;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30),
        () -> ThreadLocalRandom.current().nextDouble());
    boolean isolate = false;
    while (running) {
      try {
        if (incidents.linkDown(post, Instant.now())) {
          Thread.sleep(1000);
          continue;
        }
        var batch = spool.head(isolate ? 1 : BATCH);
        if (batch.isEmpty()) {
          Thread.sleep(250);
          continue;
        }
        ApiClient.Answer a = client.sendEvents(token.get(), new JsonArray(batch.get().events()));
        if (a.ok()) {
          spool.acknowledge(batch.get());
          sent.addAndGet(batch.get().events().size());
          backoff.reset();
          isolate = false;
        } else if (a.status() == 401) {
          LOG.warn("{}: token refused, asking for a new one", post);
          tokenRejected.run();
          Thread.sleep(backoff.next(a.retryAfter()).toMillis());
        } else if (a.retryable()) {
          Duration wait = backoff.next(a.retryAfter());
          if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
            LOG.info("{}: {} — retrying in {} ms ({} segments spooled)", post, ApiClient.describe(a),
                wait.toMillis(), spool.pendingSegments());
          }
          Thread.sleep(wait.toMillis());
        } else if (batch.get().segments().size() > 1) {
          isolate = true; // find the segment the server refuses; the others go through
        } else {
          isolate = false;
          LOG.error("{}: batch rejected, set aside in the spool's rejected/ folder: {}", post, ApiClient.describe(a));
          spool.reject(batch.get(), a.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
