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
 * Needs and commitments in real headless Chromium: Ben posts a need, Cy claims it, and every board
 * shows Cy as its owner; Cy marks it blocked through the inline form (which asks what blocks it),
 * then hands it over to Ben, who accepts on his own board, and every board shows Ben as the owner.
 */
class CommitmentBrowserTest extends BrowserTest {

    private static void click(WebDriver driver, String testid) {
        until(driver, d -> {
            WebElement b = d.findElement(testId(testid));
            if (!b.isDisplayed() || !b.isEnabled()) return null;
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", b);
            b.click();
            return true;
        });
    }

    private static WebElement field(WebDriver driver, String testid) {
        return until(driver, d -> {
            WebElement el = d.findElement(testId(testid));
            return el.isDisplayed() ? el : null;
        });
    }

    /** The owner names the board shows on its commitment cards. */
    private static List<String> owners(WebDriver driver) {
        return driver.findElements(testId("commitment-owner-name")).stream().map(WebElement::getText).toList();
    }

    private static void screenshotOfCommitments(WebDriver driver, String name) {
        WebElement panel = driver.findElement(testId("panel-commitments"));
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
    void aMemberPostsANeedAnotherClaimsItAndEveryBoardShowsTheOwner() {
        List<BoardPage> pages = room("Harbour coalition", "Ana", "Ben", "Cy");
        WebDriver ana = pages.get(0).driver();
        WebDriver ben = pages.get(1).driver();
        WebDriver cy = pages.get(2).driver();
        List<WebDriver> all = List.of(ana, ben, cy);

        field(ben, "need-input").sendKeys("Someone to book the hall <b>for</b> the assembly");
        click(ben, "need-post");
        for (WebDriver d : all) {
            until(d, x -> x.findElements(testId("need-what")).stream().map(WebElement::getText).toList()
                .equals(List.of("Someone to book the hall <b>for</b> the assembly")));
        }
        assertTrue(ben.findElements(testId("need-claim")).size() == 1, "the poster may claim their own need too");

        click(cy, "need-claim");
        for (WebDriver d : all) {
            until(d, x -> owners(x).equals(List.of("Cy")) && x.findElements(testId("need")).isEmpty());
            assertEquals("Someone to book the hall <b>for</b> the assembly", d.findElement(testId("commitment-what")).getText(),
                "what a member typed shows as text, never as markup");
            assertTrue(d.findElements(org.openqa.selenium.By.cssSelector("[data-testid=commitment-what] b")).isEmpty());
        }
        until(cy, d -> d.findElement(testId("commitments-announcer")).getText().contains("It is your commitment now"));
        assertTrue(ben.findElements(testId("status-change")).isEmpty(), "Ben cannot change Cy's commitment");
        assertTrue(ana.findElements(testId("status-change")).size() == 1, "a facilitator can");
        screenshotOfCommitments(ben, "commitments-claimed-ben.png");
        screenshotOfCommitments(cy, "commitments-claimed-cy.png");

        // Blocked needs what blocks it: the inline form says so before anything is sent.
        click(cy, "status-change");
        new org.openqa.selenium.support.ui.Select(field(cy, "status-select")).selectByValue("blocked");
        click(cy, "status-save");
        until(cy, d -> d.findElement(testId("status-error")).getText().equals("Say what blocks it."));
        field(cy, "status-note").sendKeys("the caretaker is away until Monday");
        click(cy, "status-save");
        for (WebDriver d : all) {
            until(d, x -> "blocked".equals(x.findElement(testId("commitment-status")).getDomAttribute("data-status"))
                && x.findElement(testId("commitment-note")).getText().contains("the caretaker is away until Monday"));
        }

        // Cy hands it over; it stays Cy's until Ben accepts on his board.
        click(cy, "handover-open");
        new org.openqa.selenium.support.ui.Select(field(cy, "handover-select")).selectByVisibleText("Ben");
        click(cy, "handover-offer");
        until(ben, d -> d.findElements(testId("handover-accept")).size() >= 1);
        until(ana, d -> d.findElement(testId("handover-pending")).getText().contains("Offered to Ben"));
        assertEquals(List.of("Cy"), owners(ana), "the owner stays the owner until the receiver accepts");
        screenshotOfCommitments(ben, "commitments-handover-offered-ben.png");
        click(ben, "handover-accept");
        for (WebDriver d : all) until(d, x -> owners(x).equals(List.of("Ben")));

        click(ana, "commitments-view-member");
        until(ana, d -> d.findElements(testId("commitments-group")).size() == 1
            && "Ben".equals(d.findElement(testId("commitment-owner-name")).getText()));
        screenshotOfCommitments(ana, "commitments-by-member-ana.png");
    }

    /**
     * Ben makes a commitment through the form (for Ana and for the city council, due on a day
     * already past): every board marks it overdue, and "who relies on whom" shows what Ben does
     * for whom; then, in a meeting whose current segment is a commitments review, Ana starts the
     * review and Ben, whose commitment is up, says it is on track on his board.
     */
    @Test
    void aCommitmentMadeInTheFormIsOverdueShowsWhoReliesOnWhomAndIsGoneThroughInTheReview() {
        List<BoardPage> pages = room("Tenants' assembly", "Ana", "Ben");
        WebDriver ana = pages.get(0).driver();
        WebDriver ben = pages.get(1).driver();
        List<WebDriver> all = List.of(ana, ben);

        click(ben, "commitment-new");
        field(ben, "commitment-what-input").sendKeys("Ask the landlord for the repair plan");
        click(ben, "commitment-for-member");
        field(ben, "commitment-for-names").sendKeys("City council, Tenants' union");
        ((JavascriptExecutor) ben).executeScript("arguments[0].value = '2020-01-31'", field(ben, "commitment-due-input"));
        click(ben, "commitment-save");
        for (WebDriver d : all) {
            until(d, x -> "overdue".equals(x.findElement(testId("commitment")).getDomAttribute("data-due-state"))
                && x.findElement(testId("commitment-due")).getText().startsWith("Overdue by"));
        }
        until(ben, d -> d.findElements(testId("commitment-form")).isEmpty());

        click(ana, "commitments-view-relies");
        WebElement benRow = until(ana, d -> d.findElements(testId("relies-member")).stream()
            .filter(e -> e.getText().startsWith("Ben")).findFirst().orElse(null));
        assertTrue(benRow.findElement(testId("relies-gives")).getText().contains("for Ana, for City council, for Tenants' union"),
            benRow.getText());
        WebElement anaRow = until(ana, d -> d.findElements(testId("relies-member")).stream()
            .filter(e -> e.getText().startsWith("Ana")).findFirst().orElse(null));
        assertTrue(anaRow.findElement(testId("relies-gets")).getText().contains("Ben: Ask the landlord for the repair plan (for them)"),
            anaRow.getText());
        screenshotOfCommitments(ana, "commitments-relies-ana.png");

        ((JavascriptExecutor) ana).executeScript("return window.cairn.connection.send('meeting.segment_add',"
            + " {title: 'Our commitments', kind: 'commitments_review', minutes: 15})"
            + ".then(() => window.cairn.connection.send('meeting.start', {agenda: true}))");
        until(ben, d -> "waiting".equals(d.findElement(testId("review")).getDomAttribute("data-state")));
        assertTrue(ben.findElements(testId("review-start")).isEmpty(), "only a facilitator starts the review");
        click(ana, "review-start");
        for (WebDriver d : all) {
            until(d, x -> x.findElement(testId("review-progress")).getText().equals("1 of 1")
                && x.findElement(testId("review-current")).getText().contains("Ask the landlord for the repair plan"));
        }
        until(ana, d -> d.findElement(testId("review-skip")).isDisplayed());
        screenshotOfCommitments(ben, "commitments-review-ben.png");
        click(ben, "review-on-track");
        for (WebDriver d : all) {
            until(d, x -> "ended".equals(x.findElement(testId("review")).getDomAttribute("data-state"))
                && x.findElement(testId("review-done")).getText().equals("Review done: 1 of 1 gone through."));
        }
        assertEquals("reviewed", ana.findElement(testId("review-step")).getDomAttribute("data-outcome"));
    }
}
