package org.borderpulse.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The resolved configuration: each setting's value and where it came from. */
public final class Settings {

  /** Where a value came from, in rising precedence. */
  public enum Source { DEFAULT, FILE, ENVIRONMENT, FLAG }

  private final Map<Setting, String> values;
  private final Map<Setting, Source> sources;
  private final Path configDir;

  Settings(Map<Setting, String> values, Map<Setting, Source> sources, Path configDir) {
    this.values = new EnumMap<>(values);
    this.sources = new EnumMap<>(sources);
    this.configDir = configDir;
  }

  /** Defaults only, with relative reference files resolved against {@code configDir}. */
  public static Settings defaults(Path configDir) {
    return SettingsLoader.builder().configDir(configDir).build();
  }

  public String get(Setting s) { return values.get(s); }

  public Source source(Setting s) { return sources.get(s); }

  public Optional<String> optional(Setting s) {
    String v = values.get(s);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public int integer(Setting s) {
    String v = values.get(s);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(s.key() + " must be a whole number, got '" + v + "' (from "
          + describe(s) + ")");
    }
  }

  /** A whole number of at least {@code min}. */
  public int integer(Setting s, int min) {
    int v = integer(s);
    if (v < min) {
      throw new ConfigException(s.key() + " must be at least " + min + ", got " + v + " (from " + describe(s) + ")");
    }
    return v;
  }

  public Path path(Setting s) { return Path.of(values.get(s)); }

  /** Reference files resolve against the config file's folder, so the launcher works from anywhere. */
  public Path referenceFile(Setting s) {
    Path p = Path.of(values.get(s));
    return p.isAbsolute() || configDir == null ? p : configDir.resolve(p).normalize();
  }

  public Path dataDir() { return path(Setting.DATA).toAbsolutePath().normalize(); }

  /** A copy with one value replaced, as if given by a flag (used by tests and embedding code). */
  public Settings with(Setting s, String value) {
    Settings copy = new Settings(values, sources, configDir);
    copy.values.put(s, value);
    copy.sources.put(s, Source.FLAG);
    return copy;
  }

  String describe(Setting s) {
    return switch (sources.get(s)) {
      case DEFAULT -> "the default";
      case FILE -> "the config file, key " + s.key();
      case ENVIRONMENT -> "environment variable " + s.envVar();
      case FLAG -> s.flag().orElse("a flag");
    };
  }
}
