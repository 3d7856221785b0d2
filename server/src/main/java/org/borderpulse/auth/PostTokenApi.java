package org.borderpulse.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.borderpulse.catalog.PostCatalog;
import org.borderpulse.http.ApiException;

/** {@code POST /api/v1/posts/{postId}/tokens}: a new post token, shown once. */
public final class PostTokenApi {
  private final PostCatalog catalog;
  private final TokenStore tokens;

  public PostTokenApi(PostCatalog catalog, TokenStore tokens) {
    this.catalog = catalog;
    this.tokens = tokens;
  }

  public void create(RoutingContext ctx) {
    String postId = ctx.pathParam("postId");
    catalog.find(postId)
        .compose(post -> post.isPresent() ? tokens.issue(postId)
            : io.vertx.core.Future.failedFuture(ApiException.notFound(
                "no post '" + postId + "'; create it first with PUT /api/v1/posts/" + postId)))
        .onSuccess(token -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("token", token).put("post", postId).encode()))
        .onFailure(ctx::fail);
  }
}
