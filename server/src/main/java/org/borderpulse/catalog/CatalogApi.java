package org.borderpulse.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.borderpulse.http.ApiException;

/** Admin endpoints for posts and the regions list. */
public final class CatalogApi {
  private final PostCatalog catalog;
  private final CatalogStore store;

  public CatalogApi(PostCatalog catalog, CatalogStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  /** {@code PUT /api/v1/posts/{postId}}: 201 when created, 200 when replaced. */
  public void putPost(RoutingContext ctx) {
    String id = ctx.pathParam("postId");
    JsonObject body = ctx.body().asJsonObject();
    if (body == null) {
      throw ApiException.badRequest("send the post as a JSON object: {\"name\":…,\"country\":…,\"kind\":…,"
          + "\"timeZone\":…,\"workstations\":[{\"id\":…,\"name\":…}]}");
    }
    if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
      throw new ApiException(422, "Invalid post", "the body's id '" + body.getValue("id")
          + "' differs from the path's '" + id + "'; leave it out or make them equal");
    }
    DefinitionReader reader = new DefinitionReader();
    Post post = reader.post(id, body);
    if (!reader.ok()) {
      throw new ApiException(422, "Invalid post", "the post definition has problems; nothing was changed",
          reader.errors());
    }
    catalog.put(post)
        .onSuccess(created -> ctx.response().setStatusCode(created ? 201 : 200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/posts/" + id)
            .end(post.toJson().encode()))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/posts}. */
  public void listPosts(RoutingContext ctx) {
    store.listPosts()
        .onSuccess(posts -> ctx.json(new JsonObject().put("posts",
            new JsonArray(posts.stream().map(Post::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/regions}. */
  public void listRegions(RoutingContext ctx) {
    store.listRegions()
        .onSuccess(regions -> ctx.json(new JsonObject().put("regions",
            new JsonArray(regions.stream().map(Region::toJson).toList()))))
        .onFailure(ctx::fail);
  }
}
