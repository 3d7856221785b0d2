package org.borderpulse.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderpulse.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads {@code posts.yaml} and {@code regions.yaml}; a problem names the file, the entry and the field. */
public final class ReferenceFiles {
  private ReferenceFiles() {}

  public static List<Post> posts(Path file) {
    List<Post> out = new ArrayList<>();
    JsonArray entries = entries(file, "posts");
    for (int i = 0; i < entries.size(); i++) {
      JsonObject def = entry(file, "posts", entries, i);
      DefinitionReader reader = new DefinitionReader();
      String id = def.getValue("id") instanceof String s ? s : null;
      Post p = reader.post(id, def);
      check(file, "posts[" + i + "]" + (id == null ? "" : " (" + id + ")"), reader);
      out.add(p);
    }
    return out;
  }

  public static List<Region> regions(Path file) {
    List<Region> out = new ArrayList<>();
    JsonArray entries = entries(file, "regions");
    for (int i = 0; i < entries.size(); i++) {
      JsonObject def = entry(file, "regions", entries, i);
      DefinitionReader reader = new DefinitionReader();
      Region r = reader.region(def);
      check(file, "regions[" + i + "]", reader);
      out.add(r);
    }
    return out;
  }

  private static void check(Path file, String where, DefinitionReader reader) {
    if (!reader.ok()) {
      StringBuilder sb = new StringBuilder(file + ": " + where + " is invalid:");
      reader.errors().forEach(e -> sb.append("\n  ").append(((JsonObject) e).getString("field"))
          .append(": ").append(((JsonObject) e).getString("message")));
      throw new ConfigException(sb.toString());
    }
  }

  private static JsonObject entry(Path file, String key, JsonArray entries, int i) {
    if (entries.getValue(i) instanceof JsonObject o) {
      return o;
    }
    throw new ConfigException(file + ": " + key + "[" + i + "] must be a mapping");
  }

  /** The list under {@code key} in a YAML file (empty when the file is missing or empty). */
  public static JsonArray entries(Path file, String key) {
    if (!Files.exists(file)) {
      return new JsonArray();
    }
    Object root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new ConfigException(file + " is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      return new JsonArray();
    }
    if (!(root instanceof Map<?, ?> m) || !(m.get(key) instanceof List<?>)) {
      throw new ConfigException(file + " must hold a list under the key '" + key + "'");
    }
    @SuppressWarnings("unchecked")
    JsonObject json = new JsonObject((Map<String, Object>) m);
    return json.getJsonArray(key);
  }
}
