package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board in real headless Chromium against a real node and Redis: people create and join rooms
 * through the pages a person would use, and each board shows what the others do. Waits are
 * generous and nothing here measures speed; presence after a browser quits is allowed a lease
 * length plus a sweep, although a closed socket normally leaves at once.
 */
class BoardBrowserTest extends BrowserTest {
    private static final Duration LEAVING = Duration.ofSeconds(40);


    @Test
    void twoPeopleSeeEachOtherOnlineAndTheOtherGoesOfflineWhenTheirBrowserCloses() {
        BoardPage ana = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Harbour coalition", "Ana");
        assertTrue(room.roomLink().startsWith(node.url() + "r/"), room.roomLink());
        assertTrue(room.facilitatorLink().startsWith(room.roomLink() + "#invite="), room.facilitatorLink());
        ana.openBoard();
        assertEquals("Harbour coalition", ana.roomTitle());
        assertEquals("Live", ana.connectionLabel());

        WebDriver benBrowser = browsers.phone();
        BoardPage ben = new BoardPage(benBrowser);
        ben.join(room.roomLink(), "Ben");

        ben.waitUntilOnline("Ana", true, BoardPage.PATIENCE);
        ben.waitUntilOnline("Ben", true, BoardPage.PATIENCE);
        ana.waitUntilOnline("Ben", true, BoardPage.PATIENCE);
        ana.waitUntilOnline("Ana", true, BoardPage.PATIENCE);
        ana.screenshot(SCREENSHOTS.resolve("board.png"));
        ben.screenshot(SCREENSHOTS.resolve("board-phone.png"));

        browsers.quit(benBrowser);
        ana.waitUntilOnline("Ben", false, LEAVING);
        assertEquals(Boolean.TRUE, ana.online("Ana").orElseThrow());
    }

    @Test
    void aFacilitatorRenamesTheRoomAndChangesARoleAndTheOtherBoardFollows() {
        BoardPage ana = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Eastside food co-op", "Ana");
        ana.openBoard();
        BoardPage ben = new BoardPage(browsers.desktop());
        ben.join(room.roomLink(), "Ben");
        ana.waitUntilOnline("Ben", true, BoardPage.PATIENCE);

        assertTrue(ana.canRenameRoom(), "a facilitator can rename the room");
        assertFalse(ben.canRenameRoom(), "a participant is not offered the rename");
        ana.renameRoom("Eastside food co-op board");
        ben.waitForTitle("Eastside food co-op board");

        assertFalse(ben.showsReadOnly());
        ana.changeRole("Ben", "observer");
        ben.waitUntilReadOnly();
    }
}
