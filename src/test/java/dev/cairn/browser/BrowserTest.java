package dev.cairn.browser;

import dev.cairn.CairnNode;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every browser test starts from: a fresh node on the test Redis and headless Chromium
 * windows ({@link Browsers}), both stopped after each test (the node checked for unhandled
 * exceptions and SEVERE logs). {@link #room} opens a room the way people do.
 */
abstract class BrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long a browser test waits for what a board should come to show. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    CairnNode node;
    Browsers browsers;

    /** Settings of this class's node, as environment variables; none by default. */
    Map<String, String> nodeSettings() {
        return Map.of();
    }

    @BeforeEach
    final void startNodeAndBrowsers() {
        node = TestNodes.start(nodeSettings());
        browsers = new Browsers();
    }

    @AfterEach
    final void stopNodeAndBrowsers() {
        try {
            if (browsers != null) browsers.close();
        } finally {
            TestNodes.stopQuietly(node);
        }
    }

    /**
     * A room {@code facilitator} creates on the landing page, then everyone in {@code others} joins
     * by its room link, each in a desktop window of their own; the facilitator's page comes first.
     */
    List<BoardPage> room(String title, String facilitator, String... others) {
        List<BoardPage> pages = new ArrayList<>();
        BoardPage first = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom created = first.createRoom(node.url(), title, facilitator);
        first.openBoard();
        pages.add(first);
        for (String name : others) {
            BoardPage page = new BoardPage(browsers.desktop());
            page.join(created.roomLink(), name);
            pages.add(page);
        }
        return pages;
    }

    /**
     * Waits until {@code condition} returns something other than null or false. A board re-renders
     * on every event, so an element found a moment ago may be gone (stale), not there yet, or under
     * another for a frame: the condition is then asked again, never taken as an answer.
     */
    static <T> T until(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
            .ignoring(StaleElementReferenceException.class)
            .ignoring(NoSuchElementException.class)
            .ignoring(ElementClickInterceptedException.class)
            .until(condition::apply);
    }
}
