package dev.cairn.browser;

import dev.cairn.CairnNode;
import dev.cairn.support.RedisProxy;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the server cannot reach Redis, the board stops saying "Live": the pill says "Not saving"
 * and the banner says why, within seconds; when Redis answers again the board is live again.
 */
class StorageBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RedisProxy proxy;
    private CairnNode node;
    private Browsers browsers;

    @BeforeEach
    void start() {
        proxy = RedisProxy.start(TestRedis.url());
        node = TestNodes.start(Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_REDIS_TIMEOUT_MILLIS", "30000",
            "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "60000", "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "120"));
        browsers = new Browsers();
    }

    @AfterEach
    void stop() {
        try {
            if (browsers != null) browsers.close();
            TestNodes.stopQuietly(node);
        } finally {
            proxy.close();
        }
    }

    @Test
    void theBoardSaysNotSavingWhileTheServerCannotReachItsStorage() {
        BoardPage ana = new BoardPage(browsers.desktop());
        ana.createRoom(node.url(), "Storage outage", "Ana");
        ana.openBoard();
        assertEquals("Live", ana.connectionLabel());

        proxy.holdReplies();
        try {
            wait(ana, "Not saving");
            String banner = ana.driver().findElement(By.id("connection-banner")).getText();
            assertTrue(banner.contains("not being saved"), banner);
            ana.screenshot(SCREENSHOTS.resolve("board-not-saving.png"));
        } finally {
            proxy.releaseReplies();
        }
        wait(ana, "Live");
        assertTrue(!ana.driver().findElement(By.id("connection-banner")).isDisplayed(), "the banner is gone");
    }

    private static void wait(BoardPage page, String label) {
        BrowserTest.until(page.driver(), d -> label.equals(page.connectionLabel()));
    }
}
