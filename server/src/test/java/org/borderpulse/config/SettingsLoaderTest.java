package org.borderpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("borderpulse.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void flagsWinOverEnvironmentOverFileOverDefaults() throws Exception {
    Path f = file("port: 7000\ndata: /from-file\ndatabase:\n  poolSize: 3\n  url: postgresql://file@h/db\n");
    Settings s = SettingsLoader.builder()
        .configFile(f, true)
        .environment(Map.of("BORDERPULSE_PORT", "7001", "BORDERPULSE_DATA", "/from-env"))
        .flag(Setting.PORT, 7002)
        .build();
    assertEquals("7002", s.get(Setting.PORT));
    assertEquals(Settings.Source.FLAG, s.source(Setting.PORT));
    assertEquals("/from-env", s.get(Setting.DATA));
    assertEquals(Settings.Source.ENVIRONMENT, s.source(Setting.DATA));
    assertEquals(3, s.integer(Setting.DATABASE_POOL_SIZE));
    assertEquals(Settings.Source.FILE, s.source(Setting.DATABASE_POOL_SIZE));
    assertEquals("0.0.0.0", s.get(Setting.HOST));
    assertEquals(Settings.Source.DEFAULT, s.source(Setting.HOST));
  }

  @Test
  void referenceFilesResolveAgainstTheConfigFilesFolder() throws Exception {
    Settings s = SettingsLoader.builder().configFile(file("reference:\n  posts: my-posts.yaml\n"), true).build();
    assertEquals(dir.resolve("my-posts.yaml"), s.referenceFile(Setting.POSTS_FILE));
    assertEquals(dir.resolve("regions.yaml"), s.referenceFile(Setting.REGIONS_FILE));
  }

  @Test
  void unknownKeyIsNamedWithTheKnownOnes() throws Exception {
    Path f = file("prot: 8080\n");
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.builder().configFile(f, true).build());
    assertTrue(e.getMessage().contains("unknown key 'prot'"), e.getMessage());
    assertTrue(e.getMessage().contains("port"), e.getMessage());
  }

  @Test
  void missingNamedFileIsAnErrorButMissingDefaultFileIsNot() {
    Path missing = dir.resolve("nope.yaml");
    assertThrows(ConfigException.class, () -> SettingsLoader.builder().configFile(missing, true).build());
    assertEquals("8080", SettingsLoader.builder().configFile(missing, false).build().get(Setting.PORT));
  }

  @Test
  void badNumberSaysWhereItCameFrom() {
    Settings s = SettingsLoader.builder().environment(Map.of("BORDERPULSE_PORT", "eighty")).build();
    ConfigException e = assertThrows(ConfigException.class, () -> s.integer(Setting.PORT));
    assertTrue(e.getMessage().contains("BORDERPULSE_PORT"), e.getMessage());
  }

  @Test
  void environmentVariableNamesFollowTheKeys() {
    assertEquals("BORDERPULSE_DATABASE_URL", Setting.DATABASE_URL.envVar());
    assertEquals("BORDERPULSE_DATABASE_POOL_SIZE", Setting.DATABASE_POOL_SIZE.envVar());
    assertEquals("BORDERPULSE_ADMIN_TOKEN", Setting.ADMIN_TOKEN.envVar());
    assertEquals("BORDERPULSE_PORT", Setting.PORT.envVar());
    assertEquals("BORDERPULSE_DATA", Setting.DATA.envVar());
  }
}
