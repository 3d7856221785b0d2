package org.borderpulse.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The measured path: {@code POST /api/v1/events} over loopback HTTP, one batch per request. */
final class HttpIngest implements ParallelRun.Workers {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI uri;
  private final String token;

  HttpIngest(int port, String token) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/events");
    this.token = token;
  }

  @Override
  public ParallelRun.Worker open() {
    return this::send;
  }

  /** Counts a batch only when the server answers 200 with every event accepted. */
  private void send(PreparedBatch batch) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(batch.json()))
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("batch " + batch.seq() + ": HTTP " + response.statusCode() + " "
          + abbreviate(response.body()));
    }
    Integer accepted = new JsonObject(response.body()).getInteger("accepted");
    if (accepted == null || accepted != batch.rows()) {
      throw new IllegalStateException("batch " + batch.seq() + ": expected " + batch.rows() + " accepted, got "
          + response.body());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "…";
  }
}
