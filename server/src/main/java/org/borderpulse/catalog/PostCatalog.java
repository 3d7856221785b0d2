package org.borderpulse.catalog;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The posts this node knows, as an immutable snapshot swapped whole on change: safe to read
 * from every event loop without locks. A post another node created is found by reloading.
 */
public final class PostCatalog {
  private final CatalogStore store;
  private final AtomicReference<Map<String, Post>> posts = new AtomicReference<>(Map.of());

  public PostCatalog(CatalogStore store) {
    this.store = store;
  }

  public Optional<Post> get(String id) {
    return Optional.ofNullable(posts.get().get(id));
  }

  /** Every post of the current snapshot. */
  public java.util.Collection<Post> all() {
    return posts.get().values();
  }

  /** The post, looking in the database when this node does not know it yet. */
  public Future<Optional<Post>> find(String id) {
    Optional<Post> known = get(id);
    return known.isPresent() ? Future.succeededFuture(known) : reload().map(x -> get(id));
  }

  public Future<Void> reload() {
    return store.listPosts().map(list -> {
      posts.set(index(list));
      return null;
    });
  }

  /** Stores a post and makes it visible here at once. */
  public Future<Boolean> put(Post post) {
    return store.putPost(post).compose(created -> reload().map(created));
  }

  private static Map<String, Post> index(List<Post> list) {
    return list.stream().collect(Collectors.toUnmodifiableMap(Post::id, Function.identity()));
  }
}
