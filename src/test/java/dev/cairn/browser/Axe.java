package dev.cairn.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accessibility as a tested property: axe-core (the npm package's {@code axe.min.js}, from the
 * test classpath) runs in every page a test browser opens. {@link #install} makes Chromium inject
 * it, with {@code browser/axe-audit.js}, into each new document, which audits every view and dialog
 * as it appears; {@link #violations} audits the page as it is now and collects what every audit
 * found (they reach the browser log as {@code [axe] {json}} lines, which survives navigations).
 * {@link Browsers} does both for every browser, so each browser test fails on any violation.
 */
final class Axe {
    private static final String PREFIX = "[axe] ";
    private static final String SCRIPT = resource("/axe.min.js") + "\n;\n" + resource("/browser/axe-audit.js");

    private Axe() {
    }

    /** Before the first page: inject axe into every document, and ask for reduced motion so audits see the settled look. */
    static void install(WebDriver driver) {
        HasCdp cdp = (HasCdp) driver;
        cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
        cdp.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    }

    /**
     * Audits the whole page as it is now (after the audits still due have run) and returns every
     * violation reported in this browser since the last call, one readable line each; empty when clean.
     */
    static List<String> violations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                Boolean.TRUE.equals(js.executeScript("return !window.__cairnAxe || window.__cairnAxe.pending === 0")));
            js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                if (!window.axe) { done(); return; }
                const a = window.__cairnAxe;
                (a ? a.queue : Promise.resolve()).then(() => window.axe.run(document, { resultTypes: ['violations'] }))
                  .then((r) => {
                    for (const v of r.violations) console.error('[axe] ' + JSON.stringify({ page: location.pathname,
                      context: 'page at the end', rule: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160),
                        summary: n.failureSummary })) }));
                    done();
                  }, (e) => { console.error('[axe] ' + JSON.stringify({ rule: 'axe-error', help: String(e) })); done(); });
                """);
        } catch (WebDriverException e) {
            // A page that is gone (a closed or crashed browser) has nothing more to audit.
        }
        List<String> found = new ArrayList<>();
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                int at = message.indexOf(PREFIX);
                if (at >= 0) found.add(unescape(message.substring(at + PREFIX.length())));
            }
        } catch (WebDriverException e) {
            found.add("could not read the browser log for axe results: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return found;
    }

    /** Fails when the page or any page before it in this browser had a violation. */
    static void assertClean(WebDriver driver) {
        List<String> found = violations(driver);
        if (!found.isEmpty()) throw new AssertionError("axe-core found accessibility violations:\n  " + String.join("\n  ", found));
    }

    /** Chromium logs a console string quoted, with its quotes and backslashes escaped. */
    private static String unescape(String logged) {
        String s = logged.endsWith("\"") ? logged.substring(0, logged.length() - 1) : logged;
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String resource(String name) {
        try (InputStream in = Axe.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is not on the test classpath (com.deque.html.axe-core:selenium in pom.xml)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
