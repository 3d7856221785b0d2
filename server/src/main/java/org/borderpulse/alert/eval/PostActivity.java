package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.PostCatalog;

/**
 * The post activity the Post operations dashboard shows: per post, when this node last heard it
 * (a record at most {@link AlertVerticle#FRESH} old arrived), how many minutes of its opening
 * hours it has been quiet since, whether it is open now, and whether a silence rule fires for it.
 * The same numbers the {@code silence} rule kind judges by.
 */
final class PostActivity {
  /** Quiet minutes are counted up to this (a day): enough to tell quiet from silent. */
  static final long CAP_MINUTES = 1440;

  private PostActivity() {}

  static JsonObject of(PostCatalog catalog, Map<String, Long> lastHeard, long startedAt,
      Collection<Instance> instances, Map<String, Rule> rules, Instant now) {
    Set<String> silent = new HashSet<>();
    for (Instance i : instances) {
      Rule r = rules.get(i.ruleId);
      if ("firing".equals(i.state) && r != null && "silence".equals(r.kind()) && i.labels != null
          && i.labels.getString("post") != null) {
        silent.add(i.labels.getString("post"));
      }
    }
    JsonArray posts = new JsonArray();
    catalog.all().stream().sorted(Comparator.comparing(Post::id)).forEach(p -> {
      OperatingHours hours = new OperatingHours(p.operatingHours(), p.timeZone());
      Long heard = lastHeard.get(p.id());
      long quiet = hours.openMinutes(Instant.ofEpochMilli(heard == null ? startedAt : heard), now, CAP_MINUTES);
      posts.add(new JsonObject().put("post", p.id()).put("name", p.name()).put("country", p.country())
          .put("lastHeardAt", heard == null ? null : Instant.ofEpochMilli(heard).toString())
          .put("quietMinutes", quiet).put("open", hours.isOpen(now)).put("silenceAlert", silent.contains(p.id())));
    });
    return new JsonObject().put("since", Instant.ofEpochMilli(startedAt).toString()).put("at", now.toString())
        .put("posts", posts);
  }
}
