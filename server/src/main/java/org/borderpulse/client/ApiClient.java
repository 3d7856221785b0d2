package org.borderpulse.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.borderpulse.sim.Backoff;

/**
 * A client of BorderPulse's public HTTP API, as a post or an importer uses it: blocking calls
 * for command-line tools and simulator threads (never for Vert.x event loops).
 */
public final class ApiClient {
  private final URI server;
  private final HttpClient http;

  public ApiClient(URI server) {
    this.server = server;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public URI server() { return server; }

  /** A server's answer: status, body and the Retry-After it asked for. */
  public record Answer(int status, String body, Optional<Duration> retryAfter) {
    public boolean ok() { return status / 100 == 2; }

    /** 429, 503 and network failures (status 0) are worth retrying; other errors are not. */
    public boolean retryable() { return status == 0 || status == 429 || status == 503 || status == 502 || status == 504; }

    public JsonObject json() { return new JsonObject(body); }
  }

  /** One attempt: POST /api/v1/events. A network failure is answered with status 0. */
  public Answer sendEvents(String token, JsonArray events) {
    return call(HttpRequest.newBuilder(server.resolve("/api/v1/events"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(events.encode())));
  }

  /**
   * Sends until the server answers something that is not worth retrying, waiting with
   * backoff and jitter (and at least Retry-After) between attempts; gives up after
   * {@code maxAttempts} or when {@code stop} says so, returning the last answer.
   */
  public Answer sendEventsReliably(String token, JsonArray events, int maxAttempts, BooleanSupplier stop)
      throws InterruptedException {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30),
        () -> ThreadLocalRandom.current().nextDouble());
    Answer a = sendEvents(token, events);
    while (a.retryable() && backoff.failures() + 1 < maxAttempts && !stop.getAsBoolean()) {
      Thread.sleep(backoff.next(a.retryAfter()).toMillis());
      a = sendEvents(token, events);
    }
    return a;
  }

  public Answer put(String token, String path, JsonObject body) {
    return call(HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  public Answer post(String token, String path) {
    return call(HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private Answer call(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), Backoff.parseRetryAfter(r.headers().firstValue("Retry-After")));
    } catch (IOException e) {
      return new Answer(0, "network error: " + e.getMessage(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted", Optional.empty());
    }
  }

  /** The problem document's detail and errors, for people. */
  public static String describe(Answer a) {
    if (a.status() == 0) {
      return a.body();
    }
    try {
      JsonObject p = a.json();
      return a.status() + " " + p.getString("detail", p.getString("title", ""));
    } catch (RuntimeException e) {
      return a.status() + " " + (a.body().length() > 200 ? a.body().substring(0, 200) : a.body());
    }
  }
}
