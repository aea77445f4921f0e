package dev.cairn.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts headless Chromium for board tests: Debian's chromium and chromedriver, a fresh profile
 * per browser (so each one is a different person with its own localStorage), never Selenium
 * Manager. Every browser audits its pages with axe-core ({@link Axe}); {@link #close()} quits every
 * browser it started, removes their profiles and then fails if any page had an accessibility violation.
 */
final class Browsers implements AutoCloseable {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    /** A desktop browser window, 1280 × 900. */
    WebDriver desktop() {
        return open(null);
    }

    /** A phone-sized browser: 390 × 844 CSS pixels, like a current mid-size phone. */
    WebDriver phone() {
        return open(Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
    }

    private WebDriver open(Map<String, Object> mobileEmulation) {
        Path profile;
        try {
            profile = Files.createTempDirectory("cairn-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1280,900", "--user-data-dir=" + profile);
        if (mobileEmulation != null) options.setExperimentalOption("mobileEmulation", mobileEmulation);
        // The console (where the axe audits report) is read back from the browser log.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        Axe.install(driver);
        return driver;
    }

    /** Quits one browser now, as a person closing their laptop would. */
    void quit(WebDriver driver) {
        if (drivers.remove(driver)) {
            violations.addAll(Axe.violations(driver));
            quietly(driver);
        }
    }

    /** The browsers open now, oldest first. */
    List<WebDriver> open() {
        return List.copyOf(drivers);
    }

    /** Quits every browser (after a last accessibility audit of each page), then fails on any violation found. */
    @Override
    public void close() {
        for (WebDriver driver : List.copyOf(drivers)) {
            try {
                violations.addAll(Axe.violations(driver));
            } finally {
                quietly(driver);
            }
        }
        drivers.clear();
        for (Path profile : profiles) delete(profile);
        profiles.clear();
        if (!violations.isEmpty()) {
            List<String> found = List.copyOf(violations);
            violations.clear();
            throw new AssertionError("axe-core found accessibility violations:\n  " + String.join("\n  ", found));
        }
    }

    private static void quietly(WebDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            System.err.println("quitting browser: " + e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
