package org.borderpulse.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.borderpulse.catalog.ReferenceFiles;
import org.borderpulse.config.ConfigException;

/** Reads {@code config/alerts.yaml}: a list of rules under {@code rules}, each with its id. */
public final class RuleFile {
  private RuleFile() {}

  public static List<JsonObject> read(Path file, Set<String> regions) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray rules = ReferenceFiles.entries(file, "rules");
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
