package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.List;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trust pulse and "Your part" in real headless Chromium: a facilitator opens a check-in, two
 * members answer (one only with the keyboard), every board shows how many answered and, after the
 * close, the same distribution, words and trend; a member's draft acknowledgement shows only on
 * their own board until they share it, then on everyone's with their name.
 */
class CheckinBrowserTest extends BrowserTest {

    @Test
    void aFacilitatorOpensACheckInTwoAnswerAndTheCloseShowsTheDistributionOnEveryBoard() {
        List<BoardPage> pages = room("Neighbourhood alliance", "Ana", "Ben", "Cai");
        WebDriver ana = pages.get(0).driver();
        WebDriver ben = pages.get(1).driver();
        WebDriver cai = pages.get(2).driver();
        List<WebDriver> all = List.of(ana, ben, cai);

        assertTrue(ben.findElements(testId("checkin-start")).isEmpty(), "only facilitators see Open a check-in");
        scrollTo(ana, testId("checkin-start"));
        ana.findElement(testId("checkin-start")).click();
        ana.findElement(testId("checkin-open")).click();
        for (WebDriver d : all) until(d, x -> !x.findElements(testId("checkin-scale")).isEmpty());
        assertEquals("radiogroup", ben.findElement(testId("checkin-scale")).getDomAttribute("role"));
        assertTrue(ben.findElement(testId("checkin-question")).getText().contains("How much do you trust this group to follow through?"));

        // Ben answers with the keyboard only: focus the scale, arrow to 4, type a word, Enter.
        scrollTo(ben, testId("checkin-scale"));
        ben.findElement(testId("checkin-value-3")).sendKeys(Keys.ARROW_RIGHT);
        until(ben, x -> x.findElement(testId("checkin-value-4")).isSelected());
        ben.findElement(testId("checkin-word")).sendKeys("steady", Keys.ENTER);
        until(ben, x -> !x.findElements(testId("checkin-mine")).isEmpty());
        assertTrue(ben.findElement(testId("checkin-mine")).getText().contains("You answered 4"));

        scrollTo(cai, testId("checkin-scale"));
        cai.findElement(By.cssSelector("[data-testid='checkin-value-2'] + span")).click();
        cai.findElement(testId("checkin-word")).sendKeys("<b>wary</b>");
        cai.findElement(testId("checkin-submit")).click();
        for (WebDriver d : all) until(d, x -> "2".equals(x.findElement(testId("checkin-answered")).getDomAttribute("data-answered")));
        assertEquals("2 of 3 answered", ana.findElement(testId("checkin-answered")).getText());
        assertTrue(ana.findElements(testId("checkin-mine")).isEmpty(), "Ana has not answered and sees nobody's answer");
        assertFalse(ana.findElement(testId("checkin")).getText().contains("steady"), "no word shows before the close");
        scrollTo(ana, testId("checkin"));
        pages.get(0).screenshot(SCREENSHOTS.resolve("checkin-open.png"));

        ana.findElement(testId("checkin-close")).click();
        for (WebDriver d : all) {
            WebElement result = until(d, x -> x.findElements(testId("checkin-result")).stream().findFirst().orElse(null));
            assertEquals("0,1,0,1,0", result.getDomAttribute("data-counts"), "every board shows the same distribution");
            assertTrue(d.findElement(testId("checkin-mean")).getText().contains("2 answered · mean 3.00 of 5"));
            assertEquals(List.of("<b>wary</b>", "steady"), d.findElements(By.cssSelector("[data-testid='checkin-words'] li"))
                .stream().map(WebElement::getText).toList(), "words, sorted, as plain text");
            assertTrue(d.findElement(testId("checkin-trend-list")).getText().contains("mean 3.00 of 5"));
        }
        assertTrue(cai.findElements(By.cssSelector("[data-testid='checkin-words'] b")).isEmpty(), "a typed tag stays text");
        assertFalse(ana.findElement(testId("checkin")).getText().contains("null"), "nothing renders as 'null'");
        List<WebElement> bars = ana.findElements(By.cssSelector("[data-testid='checkin-distribution'] .checkin-bar"));
        assertTrue(bars.get(1).getSize().getWidth() > 10 * Math.max(1, bars.get(0).getSize().getWidth()),
            "a value someone chose has a bar, one nobody chose next to none");
        String spark = ana.findElement(testId("checkin-spark")).getDomAttribute("aria-label");
        assertTrue(spark.contains("mean 3.00 of 5 (2 answered)"), spark);
        scrollTo(cai, testId("checkin"));
        pages.get(2).screenshot(SCREENSHOTS.resolve("checkin-closed.png"));
    }

    @Test
    void aDraftShowsOnlyOnItsAuthorsBoardUntilSharedThenOnEveryoneWithTheirName() {
        List<BoardPage> pages = room("Tenants' union", "Ana", "Ben");
        WebDriver ana = pages.get(0).driver();
        WebDriver ben = pages.get(1).driver();

        scrollTo(ben, testId("ack-new-text"));
        assertTrue(ben.findElement(testId("ack-private-note")).getText().contains("Only you can see this draft"));
        ben.findElement(testId("ack-new-text")).sendKeys("I stopped answering the landlord's letters");
        ben.findElement(testId("ack-save-draft")).click();
        until(ben, x -> !x.findElements(testId("ack-draft")).isEmpty());
        assertTrue(ben.findElement(testId("ack-draft-badge")).getText().contains("only you can see this"));
        scrollTo(ben, testId("ack-draft"));
        pages.get(1).screenshot(SCREENSHOTS.resolve("acknowledgement-draft.png"));
        // Ana's board gets the event (its seq) but nothing of the draft.
        long drafted = seq(ben);
        until(ana, x -> seq(x) >= drafted);
        assertTrue(ana.findElements(testId("ack-draft")).isEmpty());
        assertFalse(ana.findElement(testId("acknowledgements")).getText().contains("landlord"));

        ben.findElement(testId("ack-share")).click();
        until(ana, x -> !x.findElements(testId("ack-shared")).isEmpty());
        WebElement shared = ana.findElement(testId("ack-shared"));
        assertTrue(shared.getText().contains("Ben"), shared.getText());
        assertTrue(shared.getText().contains("I stopped answering the landlord's letters"));
        assertTrue(shared.findElements(testId("ack-edit")).isEmpty(), "nobody else may edit it");
        assertFalse(ana.findElement(testId("acknowledgements")).getText().contains("null"), "nothing renders as 'null'");
        scrollTo(ana, testId("acknowledgements"));
        pages.get(0).screenshot(SCREENSHOTS.resolve("acknowledgement-shared.png"));

        until(ben, x -> !x.findElements(testId("ack-shared")).isEmpty());
        ben.findElement(testId("ack-withdraw")).click();
        ben.findElement(testId("ack-withdraw-confirm")).click();
        until(ana, x -> x.findElements(testId("ack-shared")).isEmpty());
    }

    /** The seq of the room as this board holds it. */
    private static long seq(WebDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript("return window.cairn.store.getState().room.seq;")).longValue();
    }

    private static void scrollTo(WebDriver d, By by) {
        until(d, x -> !x.findElements(by).isEmpty());
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", d.findElement(by));
    }
}
