package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a board says, to the eye and to a screen reader, when things change under someone: a vote
 * opened and your role changed are read out (live regions); a rating changed since it was sent says
 * "not saved yet"; an observer is told the draft is view only rather than "All changes saved"; and
 * the ratings count only those who may still rate.
 */
class AnnouncementsBrowserTest extends BrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aVoteOpenedAndARoleChangeAreReadOutAndAnObserverSeesViewOnly() {
        List<BoardPage> pages = room("Allotment association", "Ana", "Ben");
        BoardPage ana = pages.get(0);
        BoardPage ben = pages.get(1);
        ana.waitUntilOnline("Ben", true, PATIENCE);

        WebDriver a = ana.driver();
        scrollTo(a, testId("decision-propose"));
        a.findElement(By.cssSelector("[data-testid='decision-propose'] > summary")).click();
        a.findElement(testId("decision-propose-question")).sendKeys("Open the shed to neighbours on Saturdays");
        a.findElement(testId("decision-propose-submit")).click();
        ben.waitForAnnouncement("Ana opened a vote: Open the shed to neighbours on Saturdays");

        assertEquals("All changes saved", ben.driver().findElement(testId("purpose-save-state")).getText());
        ana.changeRole("Ben", "observer");
        ben.waitForAnnouncement("Ana made you an observer: you can watch but not change the board.");
        until(ben.driver(), d -> d.findElement(testId("purpose-save-state")).getText().equals("View only"));
    }

    @Test
    void aRatingChangedAfterSendingSaysNotSavedAndAnObserversRatingNoLongerCounts() {
        List<BoardPage> pages = room("Tenants' union", "Ana", "Ben", "Cy");
        BoardPage ana = pages.get(0);
        WebDriver a = ana.driver();
        WebDriver cy = pages.get(2).driver();
        ana.waitUntilOnline("Cy", true, PATIENCE);
        WebElement draft = a.findElement(testId("purpose-draft"));
        draft.sendKeys("Every flat on Elm Street warm by 1 March.");
        until(cy, d -> d.findElement(testId("purpose-draft")).getDomProperty("value").startsWith("Every flat"));

        rate(a, 4);
        rate(cy, 2);
        until(a, d -> d.findElement(testId("ratings-summary")).getText().equals("2 of 3 members have rated."));

        // Ana changes a pick after sending: the board says it is not saved.
        WebElement unsaved = a.findElement(testId("rating-unsaved"));
        assertFalse(unsaved.isDisplayed());
        pick(a, "rate-inspiring-5");
        until(a, d -> d.findElement(testId("rating-unsaved")).isDisplayed());
        assertTrue(unsaved.getText().contains("not saved"), unsaved.getText());
        click(a, testId("rating-submit"));
        until(a, d -> !d.findElement(testId("rating-unsaved")).isDisplayed());

        // Cy becomes an observer: "1 of 2", not "2 of 3".
        ana.changeRole("Cy", "observer");
        until(a, d -> d.findElement(testId("ratings-summary")).getText().equals("1 of 2 members have rated."));
    }

    private static void rate(WebDriver d, int score) {
        for (String test : List.of("inspiring", "valuable", "measurable")) pick(d, "rate-" + test + "-" + score);
        click(d, testId("rating-submit"));
        until(d, x -> x.findElement(testId("ratings-mine")).getText().startsWith("You rated"));
    }

    /** Radio inputs are visually hidden: their labels take the click. */
    private static void pick(WebDriver d, String radioTestId) {
        WebElement radio = until(d, x -> x.findElement(testId(radioTestId)));
        click(d, By.cssSelector("label[for='" + radio.getDomAttribute("id") + "']"));
    }

    private static void click(WebDriver d, By by) {
        WebElement element = until(d, x -> x.findElement(by));
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void scrollTo(WebDriver d, By by) {
        until(d, x -> !x.findElements(by).isEmpty());
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", d.findElement(by));
    }
}
