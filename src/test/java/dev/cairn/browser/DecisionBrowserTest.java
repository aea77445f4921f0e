package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Decisions panel in real headless Chromium: three members vote on a consent proposal, one
 * objects with a reason; every board shows the same outcome, and the decision is in each log.
 */
class DecisionBrowserTest extends BrowserTest {


    @Test
    void threeMembersVoteOnAConsentProposalOneObjectsAndEveryBoardShowsTheSameOutcomeInTheLog() {
        WebDriver ana = browsers.desktop();
        WebDriver ben = browsers.desktop();
        WebDriver cai = browsers.desktop();
        BoardPage anaPage = new BoardPage(ana);
        BoardPage.CreatedRoom room = anaPage.createRoom(node.url(), "Allotment association", "Ana");
        anaPage.openBoard();
        new BoardPage(ben).join(room.roomLink(), "Ben");
        new BoardPage(cai).join(room.roomLink(), "Cai");
        List<WebDriver> all = List.of(ana, ben, cai);

        // Ben proposes; the default method is consent.
        scrollTo(ben, testId("decision-propose"));
        ben.findElement(By.cssSelector("[data-testid='decision-propose'] > summary")).click();
        ben.findElement(testId("decision-propose-question")).sendKeys("Open the shed to neighbours on Saturdays");
        new Select(ben.findElement(testId("decision-propose-method"))).selectByValue("consent");
        ben.findElement(testId("decision-propose-submit")).click();
        for (WebDriver d : all) until(d, x -> x.findElements(testId("decision-proposal")).size() == 1);

        vote(ana, "consent", null);
        vote(ben, "stand_aside", null);
        vote(cai, "object", "Who locks up afterwards? We need a rota first.");
        for (WebDriver d : all) {
            until(d, x -> "3".equals(x.findElement(testId("decision-proposal-voters")).getDomAttribute("data-count")));
        }
        assertTrue(ana.findElement(testId("decision-proposal-result")).getText().contains("We need a rota first."));
        scrollTo(ana, testId("decision-proposal"));
        new BoardPage(ana).screenshot(SCREENSHOTS.resolve("decision-open.png"));

        ben.findElement(testId("decision-proposal-close")).click();
        for (WebDriver d : all) {
            until(d, x -> x.findElements(testId("decision-entry")).size() == 1 && x.findElements(testId("decision-proposal")).isEmpty());
            WebElement outcome = d.findElement(testId("decision-outcome"));
            assertEquals("not_carried", outcome.getDomAttribute("data-outcome"));
            assertEquals("Not carried", outcome.getText());
            assertTrue(d.findElement(testId("decision-entry")).getText().contains("Open the shed to neighbours on Saturdays"));
        }
        // Open Cai's log entry and look: the objection and its reason, turnout, who was present.
        WebElement entry = cai.findElement(testId("decision-entry"));
        scrollTo(cai, testId("decision-log"));
        entry.findElement(By.tagName("summary")).click();
        until(cai, x -> x.findElement(testId("objection")).isDisplayed());
        ((JavascriptExecutor) cai).executeScript("arguments[0].scrollIntoView({block: 'start'});", entry);
        String text = entry.getText();
        assertTrue(text.contains("Who locks up afterwards? We need a rota first."), text);
        assertTrue(text.contains("turnout 3 of 3"), text);
        assertTrue(text.contains("Present: "), text);
        new BoardPage(cai).screenshot(SCREENSHOTS.resolve("decision-log.png"));
    }

    private static void vote(WebDriver d, String position, String reason) {
        scrollTo(d, testId("ballot"));
        d.findElement(By.cssSelector("[data-testid='vote-" + position + "'] + span")).click();
        if (reason != null) {
            until(d, x -> !x.findElements(testId("vote-reason")).isEmpty());
            d.findElement(testId("vote-reason")).sendKeys(reason);
        }
        d.findElement(testId("vote-submit")).click();
        until(d, x -> !x.findElements(testId("my-ballot")).isEmpty());
    }

    private static void scrollTo(WebDriver d, By by) {
        until(d, x -> !x.findElements(by).isEmpty());
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", d.findElement(by));
    }
}
