package org.borderpulse.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.borderpulse.app.BorderPulseServer;

/** A real HTTP client for a test node, with the calls tests make again and again. */
public final class Api {
  private final WebClient client;
  private final int port;
  private final Vertx vertx;

  public Api(Vertx vertx, BorderPulseServer server) {
    this(vertx, server.port());
  }

  public Api(Vertx vertx, int port) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        );
    this.port = port;
  }

  public int port() { return port; }

  /** A timer on this client's Vert.x: the way to wait a moment in a polling loop. */
  public Future<Void> vertxTimer(long ms) {
    return vertx.timer(ms).mapEmpty();
  }

  public Future<HttpResponse<Buffer>> send(String token, JsonArray events) {
    return send(token, "application/json", events.toBuffer());
  }

  public Future<HttpResponse<Buffer>> send(String token, String contentType, Buffer body) {
    var req = client.post("/api/v1/events").putHeader("Content-Type", contentType);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req.sendBuffer(body);
  }

  public Future<HttpResponse<Buffer>> get(String token, String path) {
    var req = client.get(path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req.send();
  }

  public Future<HttpResponse<Buffer>> getWith(String token, String path, String header, String value) {
    return client.get(path).putHeader("Authorization", "Bearer " + token).putHeader(header, value).send();
  }

  public Future<HttpResponse<Buffer>> put(String token, String path, JsonObject body) {
    return client.put(path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> delete(String token, String path) {
    return client.delete(path).putHeader("Authorization", "Bearer " + token).send();
  }

  public Future<HttpResponse<Buffer>> post(String token, String path, JsonObject body) {
    return client.post(path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> post(String token, String path) {
    return client.post(path).putHeader("Authorization", "Bearer " + token).send();
  }

  /** Issues a post token through the admin API. */
  public String postToken(String postId) {
    HttpResponse<Buffer> r = TestServer.await(post(TestServer.ADMIN_TOKEN, "/api/v1/posts/" + postId + "/tokens"));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("token for " + postId + ": " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  public void close() {
    client.close();
  }
}
