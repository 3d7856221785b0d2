package org.borderpulse.cli;

import java.util.concurrent.Callable;
import org.borderpulse.config.Setting;
import org.borderpulse.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code borderpulse config}: every setting, its effective value and where it came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Show the effective configuration: each setting's value, its environment variable and its source.")
public final class ConfigCommand implements Callable<Integer> {
  @Mixin
  ServerOptions options;

  @Override
  public Integer call() {
    Settings settings = options.resolve(System.getenv());
    System.out.printf("%-28s %-34s %-30s %s%n", "KEY", "ENVIRONMENT", "VALUE", "FROM");
    for (Setting s : Setting.values()) {
      String value = settings.get(s);
      if (s == Setting.ADMIN_TOKEN && !value.isEmpty()) {
        value = "(set)";
      } else if (s == Setting.DATABASE_URL) {
        value = value.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
      }
      System.out.printf("%-28s %-34s %-30s %s%n", s.key(), s.envVar(), value.isEmpty() ? "\"\"" : value,
          settings.source(s).name().toLowerCase());
    }
    return 0;
  }
}
