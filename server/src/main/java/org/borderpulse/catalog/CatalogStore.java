package org.borderpulse.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Posts, workstations and regions in PostgreSQL. */
public final class CatalogStore {
  private final Pool pool;

  public CatalogStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates or replaces a post with its workstations; true when it was created. */
  public Future<Boolean> putPost(Post p) {
    return pool.withTransaction(conn -> putPost(conn, p));
  }

  /** Creates or replaces many posts in one transaction (start-up provisioning). */
  public Future<Void> putPosts(List<Post> posts) {
    return pool.withTransaction(conn -> {
      Future<Boolean> chain = Future.succeededFuture(false);
      for (Post p : posts) {
        chain = chain.compose(x -> putPost(conn, p));
      }
      return chain.mapEmpty();
    });
  }

  private static Future<Boolean> putPost(SqlClient conn, Post p) {
    String[] ids = p.workstations().stream().map(Workstation::id).toArray(String[]::new);
    String[] names = p.workstations().stream().map(Workstation::name).toArray(String[]::new);
    return conn.preparedQuery(CatalogSql.UPSERT_POST)
        .execute(Tuple.of(p.id(), p.name(), p.country(), p.kind(), p.timeZone().getId(), p.operatingHours()))
        .map(rows -> rows.iterator().next().getBoolean("created"))
        .compose(created -> conn.preparedQuery(CatalogSql.DELETE_WORKSTATIONS).execute(Tuple.of(p.id()))
            .compose(x -> conn.preparedQuery(CatalogSql.INSERT_WORKSTATIONS).execute(Tuple.of(p.id(), ids, names)))
            .map(created));
  }

  public Future<List<Post>> listPosts() {
    return pool.query(CatalogSql.LIST_POSTS).execute().map(rows -> {
      List<Post> out = new ArrayList<>();
      for (Row r : rows) {
        String[] ids = r.getArrayOfStrings("ws_ids");
        String[] names = r.getArrayOfStrings("ws_names");
        List<Workstation> ws = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
          ws.add(new Workstation(ids[i], names[i]));
        }
        out.add(new Post(r.getString("id"), r.getString("name"), r.getString("country"), r.getString("kind"),
            ZoneId.of(r.getString("time_zone")), r.getString("operating_hours"), ws));
      }
      return out;
    });
  }

  public Future<Void> putRegions(List<Region> regions) {
    return pool.withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (Region r : regions) {
        chain = chain
            .compose(x -> conn.preparedQuery(CatalogSql.UPSERT_REGION).execute(Tuple.of(r.id(), r.name())))
            .compose(x -> conn.preparedQuery(CatalogSql.DELETE_REGION_COUNTRIES).execute(Tuple.of(r.id())))
            .compose(x -> conn.preparedQuery(CatalogSql.INSERT_REGION_COUNTRIES)
                .execute(Tuple.tuple().addString(r.id()).addArrayOfString(r.countries().toArray(String[]::new))));
      }
      return chain.mapEmpty();
    });
  }

  public Future<List<Region>> listRegions() {
    return pool.query(CatalogSql.LIST_REGIONS).execute().map(rows -> {
      List<Region> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Region(r.getString("id"), r.getString("name"), Arrays.asList(r.getArrayOfStrings("countries"))));
      }
      return out;
    });
  }
}
