package org.borderpulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dashboard clients: WebSocket connections that each subscribe to the probe query once, answer
 * pings, and report to {@link LiveProbes} when an update's count moves on. Many connections share
 * this JVM's few event loops; the handler only finds one number in the frame's text.
 */
final class LiveClients {
  private static final String PING = "{\"type\":\"ping\"";
  private static final String UPDATE = "{\"type\":\"update\"";
  private static final String SNAPSHOT = "{\"type\":\"snapshot\"";
  private static final String COUNTED = "\"scanned_documents\"";

  /** One client; {@code last} is only touched on its connection's event loop. */
  private static final class Conn {
    final int index;
    volatile WebSocket ws;
    volatile boolean closing;
    long last = Long.MIN_VALUE;

    Conn(int index) {
      this.index = index;
    }
  }

  private final WebSocketClient client;
  private final Vertx vertx;
  private final int port;
  private final String token;
  private final String subscribeFrame;
  private final LiveProbes probes;
  private final List<Conn> conns = new ArrayList<>();
  final AtomicLong updates = new AtomicLong();
  /** Characters (= bytes: the frames are ASCII) of the update frames received. */
  final AtomicLong updateChars = new AtomicLong();
  final AtomicLong pings = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong unexpectedCloses = new AtomicLong();
  private final AtomicInteger errorSamples = new AtomicInteger();
  private volatile String firstFailure;
  private volatile String extensions;

  LiveClients(Vertx vertx, int port, String token, String subscribeFrame, LiveProbes probes, boolean deflate) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.subscribeFrame = subscribeFrame;
    this.probes = probes;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(1_000_000)
        .setMaxMessageSize(4 * 1024 * 1024)
        .setMaxFrameSize(4 * 1024 * 1024)
        .setConnectTimeout(30_000)
        .setTryUsePerMessageCompression(deflate));
  }

  synchronized int size() {
    return conns.size();
  }

  /** Sec-WebSocket-Extensions of the first handshake's response ("none" without). */
  String extensions() {
    return extensions;
  }

  /** The first connection or subscription failure, for the report. */
  String firstFailure() {
    return firstFailure;
  }

  /**
   * Opens clients until there are {@code n}, at most {@code concurrency} handshakes at a time; each
   * counts once its snapshot has arrived. Returns how many failed (connection, handshake status,
   * error frame or no snapshot within 30 s).
   */
  int growTo(int n, int concurrency, int timeoutSeconds) throws InterruptedException {
    int from = size();
    if (n <= from) {
      return 0;
    }
    Semaphore slots = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(n - from);
    AtomicInteger failed = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = from; i < n; i++) {
      if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        int left = n - i;
        failed.addAndGet(left);
        fail("connecting took longer than " + timeoutSeconds + " s");
        for (int j = 0; j < left; j++) {
          done.countDown();
        }
        break;
      }
      Conn c = new Conn(i);
      synchronized (this) {
        conns.add(c);
      }
      open(c).onComplete(ar -> {
        if (ar.failed()) {
          failed.incrementAndGet();
          fail(ar.cause().toString());
        }
        slots.release();
        done.countDown();
      });
    }
    if (!done.await(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(35), TimeUnit.NANOSECONDS)) {
      fail("some handshakes did not finish");
      return Math.max(failed.get(), (int) done.getCount());
    }
    return failed.get();
  }

  private void fail(String why) {
    if (firstFailure == null) {
      firstFailure = why;
    }
  }

  private Future<Void> open(Conn c) {
    Promise<Void> subscribed = Promise.promise();
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/v1/live")
            .setTimeout(30_000).addHeader("Authorization", "Bearer " + token))
        .onFailure(subscribed::tryFail)
        .onSuccess(ws -> {
          c.ws = ws;
          if (extensions == null) {
            String ext = ws.headers() == null ? null : ws.headers().get("Sec-WebSocket-Extensions");
            extensions = ext == null ? "none" : ext;
          }
          ws.textMessageHandler(text -> onText(c, text, subscribed));
          ws.exceptionHandler(e -> {
            errors.incrementAndGet();
            subscribed.tryFail(e);
          });
          ws.closeHandler(v -> {
            if (!c.closing) {
              unexpectedCloses.incrementAndGet();
              subscribed.tryFail("closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
            }
          });
          ws.writeTextMessage(subscribeFrame);
          vertx.setTimer(30_000, t -> subscribed.tryFail("no snapshot within 30 s"));
        });
    return subscribed.future();
  }

  private void onText(Conn c, String text, Promise<Void> subscribed) {
    long now = System.nanoTime();
    if (text.startsWith(PING)) {
      pings.incrementAndGet();
      c.ws.writeTextMessage("{\"type\":\"pong\"}");
      return;
    }
    boolean update = text.startsWith(UPDATE);
    if (!update && !text.startsWith(SNAPSHOT)) {
      errors.incrementAndGet();
      if (errorSamples.incrementAndGet() <= 5) {
        System.err.println("client " + c.index + " got: " + (text.length() > 300 ? text.substring(0, 300) : text));
      }
      subscribed.tryFail("server frame: " + (text.length() > 200 ? text.substring(0, 200) : text));
      return;
    }
    long value = count(text);
    if (!update) {
      c.last = value;
      subscribed.tryComplete();
      return;
    }
    updates.incrementAndGet();
    updateChars.addAndGet(text.length());
    if (value > c.last) {
      probes.received(c.index, c.last, value, now);
      c.last = value;
    }
  }

  /** metrics.scanned_documents.value in a snapshot or update frame of a summary. */
  static long count(String text) {
    int at = text.indexOf(COUNTED);
    at = at < 0 ? -1 : text.indexOf("\"value\":", at);
    if (at < 0) {
      return Long.MIN_VALUE;
    }
    int i = at + 8;
    long v = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      v = v * 10 + (text.charAt(i++) - '0');
    }
    return v;
  }

  /** Closes every client (a normal close) and waits up to {@code seconds} for the closes. */
  void closeAll(int seconds) throws Exception {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (this) {
      for (Conn c : conns) {
        c.closing = true;
        if (c.ws != null) {
          closing.add(c.ws.close());
        }
      }
      conns.clear();
    }
    try {
      Future.join(closing).toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("closing clients: " + e);
    }
  }

  void shutdown() {
    client.close();
  }
}
