package org.borderpulse.store;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.borderpulse.config.ConfigException;

/** A PostgreSQL server named by a {@code postgresql://user:pass@host:port/db} URL. */
public final class ExternalDatabase implements Database {
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  private ExternalDatabase(String host, int port, String database, String user, String password) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  public static ExternalDatabase fromUrl(String url) {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("database.url is not a valid URL: " + e.getMessage());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ConfigException(
          "database.url must look like postgresql://user:pass@host:port/db, got scheme '" + uri.getScheme() + "'");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("database.url names no host: postgresql://user:pass@host:port/db");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    return new ExternalDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
        path.isEmpty() ? user : path, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
        .setUser(user).setPassword(password);
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String user() { return user; }

  @Override
  public String password() { return password; }

  @Override
  public String describe() {
    return "PostgreSQL at " + host + ":" + port + "/" + database + " as " + user;
  }

  @Override
  public void close() {}
}
