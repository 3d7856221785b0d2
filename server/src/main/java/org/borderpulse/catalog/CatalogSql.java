package org.borderpulse.catalog;

/** Every statement of the catalog package. */
interface CatalogSql {
  String UPSERT_POST = """
      INSERT INTO post (id, name, country, kind, time_zone, operating_hours, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, now())
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country,
        kind = EXCLUDED.kind, time_zone = EXCLUDED.time_zone,
        operating_hours = EXCLUDED.operating_hours, updated_at = now()
      RETURNING (xmax = 0) AS created""";

  String DELETE_WORKSTATIONS = "DELETE FROM workstation WHERE post_id = $1";

  String INSERT_WORKSTATIONS = """
      INSERT INTO workstation (post_id, id, name)
      SELECT $1, w.id, w.name FROM unnest($2::text[], $3::text[]) AS w(id, name)""";

  String LIST_POSTS = """
      SELECT p.id, p.name, p.country, p.kind, p.time_zone, p.operating_hours,
        coalesce(array_agg(w.id ORDER BY w.id) FILTER (WHERE w.id IS NOT NULL), '{}') AS ws_ids,
        coalesce(array_agg(w.name ORDER BY w.id) FILTER (WHERE w.id IS NOT NULL), '{}') AS ws_names
      FROM post p LEFT JOIN workstation w ON w.post_id = p.id
      GROUP BY p.id ORDER BY p.id""";

  String UPSERT_REGION = """
      INSERT INTO region (id, name, updated_at) VALUES ($1, $2, now())
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()""";

  String DELETE_REGION_COUNTRIES = "DELETE FROM region_country WHERE region_id = $1";

  String INSERT_REGION_COUNTRIES = """
      INSERT INTO region_country (region_id, country) SELECT $1, unnest($2::text[])""";

  String LIST_REGIONS = """
      SELECT r.id, r.name, coalesce(array_agg(c.country::text ORDER BY c.country)
        FILTER (WHERE c.country IS NOT NULL), '{}') AS countries
      FROM region r LEFT JOIN region_country c ON c.region_id = r.id
      GROUP BY r.id ORDER BY r.id""";
}
