package org.borderpulse.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.core.json.JsonArray;
import org.borderpulse.store.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns failures into status codes and problem documents. */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  private final int retryAfterSeconds;

  public FailureHandler(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problems.send(ctx, toProblem(ctx));
  }

  ApiException toProblem(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof ApiException api) {
      return api;
    }
    if (f instanceof SchemaValidationException sve) {
      return new ApiException(400, "Invalid request", sve.getMessage(), outputErrors(sve.getOutputUnit()));
    }
    if (f instanceof ValidatorException ve) {
      return new ApiException(400, "Invalid request", ve.getMessage());
    }
    if (f instanceof DecodeException) {
      return ApiException.badRequest("the body is not valid JSON (" + JsonErrors.where(f) + ")");
    }
    if (f instanceof HttpException he) {
      return byStatus(he.getStatusCode(), he.getPayload());
    }
    if (f != null && Unavailable.isOutage(f)) {
      LOG.warn("Database unavailable for {} {}: {}", ctx.request().method(), ctx.request().path(), f.toString());
      return new ApiException(503, "Service unavailable",
          "the database is unavailable; nothing from this request was stored, retry after "
              + retryAfterSeconds + " s").header("Retry-After", String.valueOf(retryAfterSeconds));
    }
    if (f == null && ctx.statusCode() > 0) {
      return byStatus(ctx.statusCode(), null);
    }
    LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), f);
    return new ApiException(500, "Internal server error", "an unexpected error occurred; it has been logged");
  }

  private static ApiException byStatus(int status, String payload) {
    return switch (status) {
      case 413 -> new ApiException(413, "Payload too large",
          "the body exceeds the limit for this endpoint (8 MiB and 10,000 events for /api/v1/events)");
      case 404 -> ApiException.notFound("no such resource; see /api/v1/openapi.yaml for the API");
      case 405 -> new ApiException(405, "Method not allowed", "this resource does not support that method");
      case 401 -> ApiException.unauthorized("send Authorization: Bearer <token>");
      case 403 -> ApiException.forbidden(payload == null ? "this token may not do that" : payload);
      default -> new ApiException(status, status >= 500 ? "Server error" : "Bad request",
          payload == null ? "request failed with status " + status : payload);
    };
  }

  private static JsonArray outputErrors(OutputUnit unit) {
    JsonArray out = new JsonArray();
    if (unit == null) {
      return out;
    }
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(e -> out.add(Problems.error(null, e.getInstanceLocation(), e.getError())));
    } else if (unit.getError() != null) {
      out.add(Problems.error(null, unit.getInstanceLocation(), unit.getError()));
    }
    return out;
  }
}
