package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The speaking queue in real headless Chromium: a facilitator and two participants raise hands
 * from their boards, the facilitator calls the next speaker, and all three boards show the same
 * speaker and the same queue, read from the page.
 */
class QueueBrowserTest extends BrowserTest {


    /** What one board shows in its queue panel. */
    private record Seen(String speaker, List<String> waiting) {
    }

    private static Seen seen(WebDriver driver) {
        String speaker = driver.findElement(testId("queue-speaker")).getText().replace("\nyou", "").replace("you", "").trim();
        List<String> waiting = driver.findElements(testId("queue-entry-name")).stream().map(WebElement::getText).toList();
        return new Seen(speaker, waiting);
    }

    private static void click(WebDriver driver, String testid) {
        WebElement button = until(driver, d -> {
            WebElement b = d.findElement(testId(testid));
            return b.isDisplayed() && b.isEnabled() ? b : null;
        });
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    /** Picks an option, again if the panel re-rendered under the click. */
    private static void select(WebDriver driver, String testid, String value) {
        until(driver, d -> {
            WebElement el = d.findElement(testId(testid));
            if (!el.isEnabled()) return null;
            new org.openqa.selenium.support.ui.Select(el).selectByValue(value);
            return true;
        });
    }

    private static void waitForSeen(WebDriver driver, Seen expected) {
        until(driver, d -> expected.equals(seen(d)));
    }

    private static void screenshotOfQueue(WebDriver driver, String name) {
        WebElement panel = driver.findElement(testId("panel-queue"));
        // Below the sticky top bar.
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -80)", panel);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = panel.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void handsGoUpTheFacilitatorCallsTheNextSpeakerAndEveryBoardShowsTheSameFloorAndQueue() {
        WebDriver anaBrowser = browsers.desktop();
        WebDriver benBrowser = browsers.desktop();
        WebDriver cyBrowser = browsers.desktop();
        BoardPage ana = new BoardPage(anaBrowser);
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Tenants' assembly", "Ana");
        ana.openBoard();
        new BoardPage(benBrowser).join(room.roomLink(), "Ben");
        new BoardPage(cyBrowser).join(room.roomLink(), "Cy");
        List<WebDriver> all = List.of(anaBrowser, benBrowser, cyBrowser);

        click(benBrowser, "queue-raise-new");
        until(benBrowser, d -> d.findElement(testId("queue-my-place")).getText().startsWith("You are 1st in the queue"));
        click(cyBrowser, "queue-raise-clarify");
        Seen waiting = new Seen("Nobody has the floor.", List.of("Cy", "Ben"));
        for (WebDriver d : all) waitForSeen(d, waiting);
        // Ben's board says where he is and why.
        until(benBrowser, d -> d.findElement(testId("queue-my-place")).getText().startsWith("You are 2nd in the queue")
            && d.findElement(testId("queue-my-place")).getText().contains("a new point"));
        assertTrue(anaBrowser.findElements(testId("queue-raise-new")).size() == 1, "a facilitator may raise a hand too");
        assertTrue(benBrowser.findElements(testId("queue-next")).isEmpty(), "a participant has no 'next' button");
        screenshotOfQueue(anaBrowser, "queue-facilitator-waiting.png");

        click(anaBrowser, "queue-next");
        Seen cySpeaks = new Seen("Cy", List.of("Ben"));
        for (WebDriver d : all) waitForSeen(d, cySpeaks);
        for (WebDriver d : all) {
            assertEquals(seen(anaBrowser), seen(d), "every board shows the same speaker and queue");
            until(d, x -> x.findElement(testId("queue-turn-clock")).getText().startsWith("speaking for"));
        }
        until(cyBrowser, d -> "You have the floor.".equals(d.findElement(testId("queue-announcer")).getText()));
        screenshotOfQueue(cyBrowser, "queue-speaker.png");

        // Cy's "I'm done", then the facilitator calls Ben: nobody skipped, every board agrees again.
        click(cyBrowser, "queue-end-turn");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Ben")));
        click(anaBrowser, "queue-next");
        for (WebDriver d : all) waitForSeen(d, new Seen("Ben", List.of()));
        until(anaBrowser, d -> d.findElements(testId("queue-share")).size() == 2);
        screenshotOfQueue(anaBrowser, "queue-facilitator-speaking.png");
        screenshotOfQueue(benBrowser, "queue-participant.png");
        ((JavascriptExecutor) anaBrowser).executeScript(
            "document.querySelector('[data-testid=panel-queue]').scrollIntoView({block: 'start'}); window.scrollBy(0, -80)");
        ana.screenshot(SCREENSHOTS.resolve("queue-board.png"));
    }

    @Test
    void progressiveStackNamedGuestsAndARoundShowTheSameOrderAndReasonsOnEveryBoard() {
        WebDriver anaBrowser = browsers.desktop();
        WebDriver benBrowser = browsers.desktop();
        WebDriver cyBrowser = browsers.phone();
        BoardPage ana = new BoardPage(anaBrowser);
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Neighbourhood alliance", "Ana");
        ana.openBoard();
        new BoardPage(benBrowser).join(room.roomLink(), "Ben");
        new BoardPage(cyBrowser).join(room.roomLink(), "Cy");
        List<WebDriver> all = List.of(anaBrowser, benBrowser, cyBrowser);

        click(anaBrowser, "queue-settings-toggle");
        click(anaBrowser, "queue-progressive");
        for (WebDriver d : all) until(d, x -> x.findElements(testId("queue-progressive-tag")).size() == 1);
        select(anaBrowser, "queue-turn-limit", "60");
        until(anaBrowser, d -> "60".equals(d.findElement(testId("queue-turn-limit")).getDomProperty("value")));

        click(benBrowser, "queue-raise-new");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Ben")));
        click(anaBrowser, "queue-next");
        for (WebDriver d : all) waitForSeen(d, new Seen("Ben", List.of()));
        until(benBrowser, d -> d.findElement(testId("queue-turn-clock")).getText().matches("0:(59|60|5\\d) left of 1:00"));
        until(benBrowser, d -> !d.findElement(testId("queue-turn-clock")).getText().startsWith("1:00"));
        click(benBrowser, "queue-end-turn");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of()));

        // Ben has spoken, Cy has not: with the progressive stack Cy goes first although Ben was quicker.
        click(benBrowser, "queue-raise-new");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Ben")));
        click(cyBrowser, "queue-raise-new");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Cy", "Ben")));
        until(cyBrowser, d -> d.findElement(testId("queue-my-place")).getText().contains("spoke 0 min so far"));

        WebElement name = until(anaBrowser, d -> d.findElement(testId("queue-add-name")));
        name.sendKeys("Gran Torres");
        select(anaBrowser, "queue-add-kind", "process");
        click(anaBrowser, "queue-add-submit");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Gran Torres", "Cy", "Ben")));

        click(anaBrowser, "queue-round-start");
        Seen round = new Seen("Nobody has the floor.", List.of("Gran Torres", "Ana", "Ben", "Cy", "Cy", "Ben"));
        for (WebDriver d : all) waitForSeen(d, round);
        for (WebDriver d : all) {
            List<String> reasons = d.findElements(testId("queue-entry-reason")).stream().map(WebElement::getText).toList();
            assertEquals(reasons, anaBrowser.findElements(testId("queue-entry-reason")).stream().map(WebElement::getText).toList());
            assertEquals("turn 1 of 3 in the round", reasons.get(1));
        }
        screenshotOfQueue(anaBrowser, "queue-round-facilitator.png");
        screenshotOfQueue(cyBrowser, "queue-round-phone.png");

        click(cyBrowser, "queue-pass");
        for (WebDriver d : all) waitForSeen(d, new Seen("Nobody has the floor.", List.of("Gran Torres", "Ana", "Ben", "Cy", "Ben")));
    }
}
