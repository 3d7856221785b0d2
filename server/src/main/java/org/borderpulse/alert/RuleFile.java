package org.borderpulse.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderpulse.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads {@code config/alerts.yaml}: a list of rules under {@code rules}, each with its id. */
public final class RuleFile {
  private RuleFile() {}

  public static List<JsonObject> read(Path file, Set<String> regions) {
    List<JsonObject> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
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
      return out;
    }
    if (!(root instanceof Map<?, ?> m) || !(m.get("rules") instanceof List<?>)) {
      throw new ConfigException(file + " must hold a list under the key 'rules'");
    }
    @SuppressWarnings("unchecked")
    JsonArray rules = new JsonObject((Map<String, Object>) m).getJsonArray("rules");
    for (int i = 0; i < rules.size(); i++) {
      if (!(rules.getValue(i) instanceof JsonObject def)) {
        throw new ConfigException(file + ": rules[" + i + "] must be a mapping");
      }
      RuleReader reader = new RuleReader(regions);
      String id = def.getValue("id") instanceof String s ? s : null;
      JsonObject rule = reader.read(id, def);
      if (rule == null) {
        StringBuilder sb = new StringBuilder(file + ": rules[" + i + "]" + (id == null ? "" : " (" + id + ")")
            + " is invalid:");
        reader.errors().forEach(e -> sb.append("\n  ").append(((JsonObject) e).getString("field")).append(": ")
            .append(((JsonObject) e).getString("message")));
        throw new ConfigException(sb.toString());
      }
      out.add(rule);
    }
    return out;
  }
}
