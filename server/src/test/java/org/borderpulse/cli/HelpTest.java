package org.borderpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import org.borderpulse.config.Setting;
import org.borderpulse.support.TestServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --help and the README tell the truth about the commands and settings. */
class HelpTest {
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute(args));
    return out.toString();
  }

  @Test
  void helpListsTheCommands() {
    String help = run("--help");
    for (String command : new String[] {"serve", "import", "config"}) {
      assertTrue(help.contains("  " + command + " "), help);
    }
  }

  @Test
  void serveHelpListsEveryFlagWithItsEnvironmentVariable() {
    String help = run("serve", "--help");
    for (Setting s : Setting.values()) {
      s.flag().ifPresent(flag -> {
        assertTrue(help.contains(flag), flag + " missing from:\n" + help);
        assertTrue(help.contains(s.envVar()), s.envVar() + " missing from:\n" + help);
      });
    }
    assertTrue(help.contains("--config"), help);
  }

  @Test
  void readmeConfigurationTableNamesEverySetting() throws Exception {
    String readme = Files.readString(TestServer.CONFIG_DIR.getParent().resolve("README.md"));
    for (Setting s : Setting.values()) {
      assertTrue(readme.contains("`" + s.key() + "`") && readme.contains("`" + s.envVar() + "`"),
          "README.md must document " + s.key() + " / " + s.envVar());
    }
  }
}
