package org.borderpulse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import org.borderpulse.config.SettingsLoader;
import picocli.CommandLine.Option;

/** The options every server-running command shares; each also has an env var and a YAML key. */
public final class ServerOptions {
  @Option(names = "--port", paramLabel = "PORT",
      description = "HTTP port; 0 picks a free one (env BORDERPULSE_PORT, key port; default 8080)")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR",
      description = "address to bind (env BORDERPULSE_HOST, key host; default 0.0.0.0)")
  String host;

  @Option(names = "--data", paramLabel = "DIR",
      description = "data directory: embedded database, admin token (env BORDERPULSE_DATA, key data; default ./data)")
  Path data;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration (env BORDERPULSE_CONFIG; default config/borderpulse.yaml)")
  Path config;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "external PostgreSQL postgresql://user:pass@host:port/db; without it an embedded "
          + "PostgreSQL runs in <data>/pg (env BORDERPULSE_DATABASE_URL, key database.url)")
  String databaseUrl;

  /** Flags win over the environment, the environment over the file, the file over defaults. */
  public Settings resolve(Map<String, String> env) {
    Path file = config;
    boolean required = file != null;
    if (file == null && env.containsKey(Setting.CONFIG_ENV)) {
      file = Path.of(env.get(Setting.CONFIG_ENV));
      required = true;
    }
    if (file == null) {
      file = Path.of(Setting.CONFIG_DEFAULT);
    }
    return SettingsLoader.builder()
        .configFile(file, required)
        .configDir(Files.exists(file) ? null : file.toAbsolutePath().getParent())
        .environment(env)
        .flag(Setting.PORT, port)
        .flag(Setting.HOST, host)
        .flag(Setting.DATA, data)
        .flag(Setting.DATABASE_URL, databaseUrl)
        .build();
  }
}
