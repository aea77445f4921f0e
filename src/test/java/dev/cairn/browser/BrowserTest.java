package dev.cairn.browser;

import dev.cairn.CairnNode;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every browser test starts from: a fresh node on the test Redis and headless Chromium
 * windows ({@link Browsers}), both stopped after each test (the node checked for unhandled
 * exceptions and SEVERE logs). {@link #room} opens a room the way people do.
 */
abstract class BrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

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
}
