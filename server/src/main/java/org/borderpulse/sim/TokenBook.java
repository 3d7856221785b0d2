package org.borderpulse.sim;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.borderpulse.client.ApiClient;

/**
 * The simulated posts' tokens, issued through the admin API once and kept in
 * {@code <data>/sim/tokens.json} (mode 0600); a token the server no longer knows is replaced.
 */
final class TokenBook {
  private final Path file;
  private final ApiClient client;
  private final String adminToken;
  private final JsonObject tokens;

  TokenBook(Path dir, ApiClient client, String adminToken) {
    this.file = dir.resolve("tokens.json");
    this.client = client;
    this.adminToken = adminToken;
    try {
      this.tokens = Files.exists(file) ? new JsonObject(Files.readString(file)) : new JsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized String get(String post) {
    String t = tokens.getString(post);
    if (t == null) {
      ApiClient.Answer a = client.post(adminToken, "/api/v1/posts/" + post + "/tokens");
      if (!a.ok()) {
        throw new IllegalStateException("cannot get a token for post " + post + ": " + ApiClient.describe(a));
      }
      t = a.json().getString("token");
      tokens.put(post, t);
      save();
    }
    return t;
  }

  synchronized void forget(String post) {
    tokens.remove(post);
    save();
  }

  private void save() {
    try {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Spool.writeAtomically(file, tokens.encodePrettily());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
