package org.borderpulse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Resolves settings from, in rising precedence: defaults, the YAML file, environment variables,
 * command-line flags.
 */
public final class SettingsLoader {
  private Path configFile;
  private boolean configFileRequired;
  private Path configDir;
  private Map<String, String> environment = Map.of();
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  private SettingsLoader() {}

  public static SettingsLoader builder() { return new SettingsLoader(); }

  /** The YAML file; {@code required} makes a missing file an error (it was named explicitly). */
  public SettingsLoader configFile(Path file, boolean required) {
    this.configFile = file;
    this.configFileRequired = required;
    return this;
  }

  public SettingsLoader configDir(Path dir) {
    this.configDir = dir;
    return this;
  }

  public SettingsLoader environment(Map<String, String> env) {
    this.environment = env;
    return this;
  }

  public SettingsLoader flag(Setting s, Object value) {
    if (value != null) {
      flags.put(s, String.valueOf(value));
    }
    return this;
  }

  public Settings build() {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<Setting, Settings.Source> sources = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, s.defaultValue());
      sources.put(s, Settings.Source.DEFAULT);
    }
    Path dir = configDir;
    if (configFile != null) {
      if (Files.exists(configFile)) {
        readFile(configFile).forEach((s, v) -> {
          values.put(s, v);
          sources.put(s, Settings.Source.FILE);
        });
        if (dir == null) {
          dir = configFile.toAbsolutePath().getParent();
        }
      } else if (configFileRequired) {
        throw new ConfigException("config file " + configFile + " does not exist");
      }
    }
    for (Setting s : Setting.values()) {
      String v = environment.get(s.envVar());
      if (v != null) {
        values.put(s, v);
        sources.put(s, Settings.Source.ENVIRONMENT);
      }
    }
    flags.forEach((s, v) -> {
      values.put(s, v);
      sources.put(s, Settings.Source.FLAG);
    });
    return new Settings(values, sources, dir == null ? Path.of("config").toAbsolutePath() : dir);
  }

  static Map<Setting, String> readFile(Path file) {
    Object root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    Map<String, String> flat = new HashMap<>();
    if (root instanceof Map<?, ?> m) {
      flatten("", m, flat);
    } else if (root != null) {
      throw new ConfigException("config file " + file + " must hold a mapping of keys to values");
    }
    Map<Setting, String> out = new EnumMap<>(Setting.class);
    flat.forEach((k, v) -> out.put(Setting.byKey(k).orElseThrow(() -> new ConfigException(
        "config file " + file + ": unknown key '" + k + "' (known keys: "
            + java.util.Arrays.stream(Setting.values()).map(Setting::key)
                .collect(java.util.stream.Collectors.joining(", ")) + ")")), v));
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    map.forEach((k, v) -> {
      String key = prefix + k;
      if (v instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, out);
      } else {
        out.put(key, v == null ? "" : String.valueOf(v));
      }
    });
  }
}
