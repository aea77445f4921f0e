package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may come in: a facilitator makes a new room link from the Invite dialog (the old link shows
 * "no longer valid" to someone who opens it, the new one lets them in), and removes a member from
 * the member list (their board closes and says so; the others no longer list them).
 */
class LinksBrowserTest extends BrowserTest {

    @Test
    void aNewRoomLinkVoidsTheOldOneForPeopleWhoHaveIt() {
        BoardPage ana = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Rotating links", "Ana");
        ana.openBoard();
        WebDriver driver = ana.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.findElement(BoardPage.testId("share-button")).click();
        String before = until(driver, d -> {
            String v = d.findElement(BoardPage.testId("share-room-link")).getDomProperty("value");
            return v == null || v.isEmpty() ? null : v;
        });
        assertEquals(room.roomLink(), before, "the first room link is the one shown at creation");
        driver.findElement(BoardPage.testId("share-rotate-room")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        until(driver, d -> !d.findElements(BoardPage.testId("share-status")).isEmpty());
        String after = driver.findElement(BoardPage.testId("share-room-link")).getDomProperty("value");
        assertNotEquals(before, after);
        assertTrue(after.contains("#join="), after);
        ana.screenshot(SCREENSHOTS.resolve("share-new-link.png"));

        BoardPage stranger = new BoardPage(browsers.desktop());
        stranger.driver().get(before);
        WebDriverWait strangerWait = new WebDriverWait(stranger.driver(), Duration.ofSeconds(30));
        strangerWait.until(ExpectedConditions.visibilityOfElementLocated(BoardPage.testId("join-name-input"))).sendKeys("Eve");
        stranger.driver().findElement(BoardPage.testId("join-submit")).click();
        until(stranger.driver(), d -> d.findElement(BoardPage.testId("join-error")).getText().contains("no longer valid"));

        BoardPage ben = new BoardPage(browsers.desktop());
        ben.join(after, "Ben");
        ana.waitUntilOnline("Ben", true, BoardPage.PATIENCE);
    }

    @Test
    void aFacilitatorRemovesAMemberWhoseBoardClosesAndSaysSo() {
        List<BoardPage> pages = room("Removal", "Ana", "Ben");
        BoardPage ana = pages.get(0);
        BoardPage ben = pages.get(1);
        ana.waitUntilOnline("Ben", true, BoardPage.PATIENCE);

        WebDriver driver = ana.driver();
        // The member list re-renders a row when what it shows changes (Ben's presence), so find and click in one go, again if it was replaced.
        until(driver, d -> {
            org.openqa.selenium.WebElement row = d.findElements(BoardPage.testId("member")).stream()
                .filter(li -> li.findElement(BoardPage.testId("member-name")).getText().equals("Ben")).findFirst().orElse(null);
            if (row == null) return false;
            row.findElement(BoardPage.testId("remove-member")).click();
            return true;
        });
        until(driver, d -> !d.findElements(BoardPage.testId("remove-confirmation")).isEmpty());
        ana.screenshot(SCREENSHOTS.resolve("members-remove-confirm.png"));
        driver.findElement(BoardPage.testId("remove-confirm")).click();

        until(driver, d -> ana.online("Ben").isEmpty());
        until(ben.driver(), d -> {
            String banner = d.findElement(org.openqa.selenium.By.id("connection-banner")).getText();
            return banner.contains("no longer exists");
        });
        assertTrue(ben.driver().findElements(BoardPage.testId("rejoin")).size() == 1, "Ben is offered to join again");
    }

    @Test
    void aPasscodeSetInTheInviteDialogIsAskedOfWhoeverJoinsByTheRoomLink() {
        BoardPage ana = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Passcode room", "Ana");
        ana.openBoard();
        WebDriver driver = ana.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.findElement(BoardPage.testId("share-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(BoardPage.testId("share-passcode-input"))).sendKeys("harbour-42");
        driver.findElement(BoardPage.testId("share-passcode-save")).click();
        until(driver, d -> d.findElement(BoardPage.testId("share-status")).getText().contains("asks for this passcode"));
        assertEquals("harbour-42", driver.findElement(BoardPage.testId("share-passcode-input")).getDomProperty("value"),
            "the facilitator sees the passcode they set");
        ana.screenshot(SCREENSHOTS.resolve("share-passcode.png"));

        BoardPage ben = new BoardPage(browsers.desktop());
        ben.driver().get(room.roomLink());
        WebDriverWait benWait = new WebDriverWait(ben.driver(), Duration.ofSeconds(30));
        benWait.until(ExpectedConditions.visibilityOfElementLocated(BoardPage.testId("join-passcode-input"))).sendKeys("harbour-41");
        ben.driver().findElement(BoardPage.testId("join-name-input")).sendKeys("Ben");
        ben.driver().findElement(BoardPage.testId("join-submit")).click();
        until(ben.driver(), d -> d.findElement(BoardPage.testId("join-error")).getText().contains("not this room\u2019s passcode"));
        ben.screenshot(SCREENSHOTS.resolve("join-passcode-wrong.png"));
        var field = ben.driver().findElement(BoardPage.testId("join-passcode-input"));
        field.clear();
        field.sendKeys("harbour-42");
        ben.driver().findElement(BoardPage.testId("join-submit")).click();
        ana.waitUntilOnline("Ben", true, BoardPage.PATIENCE);
        ben.driver().findElement(BoardPage.testId("share-button")).click();
        benWait.until(ExpectedConditions.visibilityOfElementLocated(BoardPage.testId("share-passcode-note")));
        assertTrue(ben.driver().findElements(BoardPage.testId("share-passcode-input")).isEmpty(), "a participant cannot set it");
        assertTrue(!ben.driver().getPageSource().contains("harbour-42"), "nor does their board hold it");
    }
}
