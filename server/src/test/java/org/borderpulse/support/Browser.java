package org.borderpulse.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium through Debian's chromedriver (installed by
 * {@code .ci/run}). Without Chromium the browser tests are skipped with a message, unless
 * {@code BORDERPULSE_REQUIRE_BROWSER} is set (CI sets it): then they fail.
 */
public final class Browser implements AutoCloseable {
  private static final String CHROMIUM = env("BORDERPULSE_CHROMIUM", "/usr/bin/chromium");
  private static final String DRIVER = env("BORDERPULSE_CHROMEDRIVER", "/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  public static Browser open(int width, int height) {
    boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
    if (!present) {
      String why = "Chromium and chromedriver are needed for the browser tests (apt-get install -y chromium "
          + "chromium-driver; or set BORDERPULSE_CHROMIUM and BORDERPULSE_CHROMEDRIVER)";
      if (System.getenv("BORDERPULSE_REQUIRE_BROWSER") != null) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    try {
      Path profile = Files.createTempDirectory("bp-chromium");
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
          "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--disable-quic", "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
          "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
          .usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      Browser browser = new Browser(driver, profile);
      browser.viewport(width, height);
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sizes the window so that the page itself (the viewport) is width × height. */
  public void viewport(int width, int height) {
    driver.get("about:blank");
    long w = (Long) js("return window.innerWidth"), h = (Long) js("return window.innerHeight");
    org.openqa.selenium.Dimension outer = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(
        outer.getWidth() + width - (int) w, outer.getHeight() + height - (int) h));
  }

  public void get(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs an async script; it calls {@code done(value)} with its answer. */
  public Object executeAsync(String script) {
    return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];" + script);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits (polling every 100 ms) until the condition holds; fails with the message and the last value. */
  public <T> T waitFor(Duration limit, String what, Supplier<T> value, java.util.function.Predicate<T> ok) {
    long end = System.nanoTime() + limit.toNanos();
    T last = null;
    RuntimeException error = null;
    while (System.nanoTime() < end) {
      try {
        last = value.get();
        error = null;
        if (ok.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        error = e;
      }
      sleep(100);
    }
    throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; last value: " + last
        + (error == null ? "" : "; last error: " + error.getMessage()) + "; page: " + url(), error);
  }

  /** Checks (every 100 ms) that the condition keeps holding for the whole period; fails at once if it breaks. */
  public <T> void holds(Duration period, String what, Supplier<T> value, java.util.function.Predicate<T> ok) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      T now = value.get();
      if (!ok.test(now)) {
        throw new AssertionError("expected " + what + " for " + period.toSeconds() + " s; it broke with " + now);
      }
      sleep(100);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
