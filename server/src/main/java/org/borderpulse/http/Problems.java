package org.borderpulse.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 {@code application/problem+json} answers. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext ctx, ApiException e) {
    JsonObject body = new JsonObject()
        .put("type", "about:blank")
        .put("title", e.title())
        .put("status", e.status())
        .put("detail", e.getMessage());
    JsonArray errors = e.errors();
    if (errors != null) {
      body.put("errors", errors);
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    e.headers().forEach(ctx.response()::putHeader);
    ctx.response()
        .setStatusCode(e.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body.encode());
  }

  /** One entry of an {@code errors} array: which event, which field, what is wrong. */
  public static JsonObject error(Integer index, String field, String message) {
    JsonObject o = new JsonObject();
    if (index != null) {
      o.put("index", index);
    }
    if (field != null) {
      o.put("field", field);
    }
    return o.put("message", message);
  }
}
