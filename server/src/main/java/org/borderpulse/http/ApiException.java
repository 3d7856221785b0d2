package org.borderpulse.http;

import io.vertx.core.json.JsonArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, rendered as {@code application/problem+json}. The detail
 * says what to fix; it never echoes a secret.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final JsonArray errors;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ApiException(int status, String title, String detail, JsonArray errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not found", detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail).header("WWW-Authenticate", "Bearer");
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail);
  }

  public ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() { return status; }

  public String title() { return title; }

  public JsonArray errors() { return errors; }

  public Map<String, String> headers() { return headers; }
}
