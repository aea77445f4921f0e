package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The purpose draft in real headless Chromium against a real node and Redis. The race it guards:
 * two people put their carets at the same spot and type at the same moment; every keystroke of
 * both must survive, and both boards must end with the very same text. Waits are generous and
 * nothing here measures speed.
 */
class PurposeBrowserTest extends BrowserTest {
    private static final Duration SETTLING = Duration.ofSeconds(60);
    private static final int WORDS = 25;
    private static final String BEFORE = "Our purpose: ";
    private static final String AFTER = "and that is how we get there.";


    @Test
    void twoPeopleTypingAtTheSameSpotAtOnceKeepEveryWordAndEndWithTheSameText() throws Exception {
        WebDriver anaBrowser = browsers.desktop();
        WebDriver benBrowser = browsers.desktop();
        BoardPage ana = new BoardPage(anaBrowser);
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Harbour coalition", "Ana");
        ana.openBoard();
        new BoardPage(benBrowser).join(room.roomLink(), "Ben");
        Draft anaDraft = new Draft(anaBrowser);
        Draft benDraft = new Draft(benBrowser);

        anaDraft.type(BEFORE + AFTER);
        benDraft.waitForText(BEFORE + AFTER);
        anaDraft.waitUntilSaved();

        // Both carets right after "Our purpose: ", then both type at once, each from its own thread.
        anaDraft.caretAt(BEFORE.length());
        benDraft.caretAt(BEFORE.length());
        CyclicBarrier go = new CyclicBarrier(2);
        ExecutorService typists = Executors.newFixedThreadPool(2);
        try {
            Future<?> anaTyping = typists.submit(() -> anaDraft.typeWords("alpha ", WORDS, go));
            Future<?> benTyping = typists.submit(() -> benDraft.typeWords("beta ", WORDS, go));
            anaTyping.get(2, TimeUnit.MINUTES);
            benTyping.get(2, TimeUnit.MINUTES);
        } finally {
            typists.shutdownNow();
        }

        String[] settled = new String[1];
        new WebDriverWait(anaBrowser, SETTLING).until(d -> {
            String a = anaDraft.text();
            String b = benDraft.text();
            boolean same = a.equals(b) && anaDraft.saved() && benDraft.saved() && a.length() == expectedLength();
            if (same) settled[0] = a;
            return same;
        });
        String text = settled[0];
        assertTrue(text.startsWith(BEFORE), text);
        assertTrue(text.endsWith(AFTER), text);
        List<String> words = Arrays.asList(text.substring(BEFORE.length(), text.length() - AFTER.length()).trim().split("\\s+"));
        assertEquals(WORDS, words.stream().filter("alpha"::equals).count(), text);
        assertEquals(WORDS, words.stream().filter("beta"::equals).count(), text);
        assertEquals(2 * WORDS, words.size(), text);
        assertTrue(anaBrowser.findElements(testId("unsent-notice")).stream().noneMatch(WebElement::isDisplayed));
    }

    @Test
    void aRatingAndATargetShowOnTheOtherBoardAtOnce() {
        WebDriver anaBrowser = browsers.desktop();
        WebDriver benBrowser = browsers.desktop();
        BoardPage ana = new BoardPage(anaBrowser);
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), "Eastside food co-op", "Ana");
        ana.openBoard();
        BoardPage ben = new BoardPage(benBrowser);
        ben.join(room.roomLink(), "Ben");
        Draft anaDraft = new Draft(anaBrowser);
        Draft benDraft = new Draft(benBrowser);
        String purpose = "Every family on the east side eats fresh food every day, and 300 households share the work by 2028.";
        anaDraft.type(purpose);
        benDraft.waitForText(purpose);

        // Ben rates; Ana sees the distribution of each test change and who has not rated yet.
        benDraft.rate(4, 3, 2, "Which numbers tell us we got there?");
        anaDraft.waitForCounts("inspiring", "0,0,0,1,0");
        anaDraft.waitForCounts("valuable", "0,0,1,0,0");
        anaDraft.waitForCounts("measurable", "0,1,0,0,0");
        anaDraft.until(d -> d.findElement(testId("ratings-summary")).getText().startsWith("1 of 2"));
        assertTrue(anaBrowser.findElement(testId("ratings-missing")).getText().contains("Ana"));
        assertTrue(anaBrowser.findElement(testId("ratings")).getText().contains("Which numbers tell us we got there?"));

        // Ana adds a target; Ben sees it.
        anaDraft.addTarget("Households sharing the work", "40", "300");
        benDraft.until(d -> d.findElements(testId("target-what")).stream()
            .anyMatch(e -> e.getText().equals("Households sharing the work")));
        assertTrue(benBrowser.findElement(testId("target")).getText().contains("300"));

        // The history rebuilds the draft from its revisions and says who wrote what.
        anaDraft.click(testId("purpose-history-open"));
        anaDraft.until(d -> !d.findElements(testId("history-group")).isEmpty());
        assertEquals(purpose, anaBrowser.findElement(testId("history-text")).getText());
        anaDraft.click(testId("history-authors"));
        anaDraft.until(d -> d.findElement(testId("history-legend")).getText().contains("Ana: 100%"));
        anaDraft.click(testId("history-close"));

        // A remote caret shows in the other board, with the person's name.
        benDraft.caretAt(6);
        anaDraft.until(d -> d.findElements(testId("remote-caret")).stream()
            .anyMatch(e -> "Ben".equals(e.getDomProperty("textContent"))));
        ((JavascriptExecutor) anaBrowser).executeScript("window.scrollTo(0, 0);");
        ana.screenshot(SCREENSHOTS.resolve("purpose.png"));
    }

    private static int expectedLength() {
        return BEFORE.length() + AFTER.length() + WORDS * ("alpha ".length() + "beta ".length());
    }

    /** The purpose panel as one person sees it. */
    private static final class Draft {
        private final WebDriver driver;

        Draft(WebDriver driver) {
            this.driver = driver;
        }

        WebElement textarea() {
            return until(d -> d.findElement(testId("purpose-draft")));
        }

        String text() {
            return textarea().getDomProperty("value");
        }

        boolean saved() {
            return "saved".equals(driver.findElement(testId("purpose-save-state")).getDomAttribute("data-state"));
        }

        void type(String text) {
            WebElement area = textarea();
            until(d -> area.isEnabled() && area.getDomAttribute("readonly") == null);
            area.click();
            area.sendKeys(text);
            waitForText(text);
        }

        /** Focuses the draft with the caret at {@code position}, as a click there would. */
        void caretAt(int position) {
            ((JavascriptExecutor) driver).executeScript(
                "const t = arguments[0]; t.focus(); t.setSelectionRange(arguments[1], arguments[1]);", textarea(), position);
        }

        /** Types {@code word} {@code times} times, one key press after the other, starting with the other typist. */
        void typeWords(String word, int times, CyclicBarrier go) {
            WebElement area = textarea();
            try {
                go.await(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < times; i++) area.sendKeys(word);
        }

        void waitForText(String text) {
            until(d -> text.equals(text()));
        }

        void waitUntilSaved() {
            until(d -> saved());
        }

        void rate(int inspiring, int valuable, int measurable, String comment) {
            click(testId("rate-inspiring-" + inspiring));
            click(testId("rate-valuable-" + valuable));
            click(testId("rate-measurable-" + measurable));
            click(By.cssSelector("[data-test='measurable'] summary"));
            until(d -> d.findElement(testId("rate-measurable-comment"))).sendKeys(comment);
            click(testId("rating-submit"));
            until(d -> d.findElement(testId("ratings-mine")).getText().startsWith("You rated"));
        }

        void waitForCounts(String test, String counts) {
            until(d -> counts.equals(d.findElement(testId("rating-distribution-" + test)).getDomAttribute("data-counts")));
        }

        void addTarget(String what, String baseline, String target) {
            click(testId("target-add"));
            until(d -> d.findElement(testId("target-what-input"))).sendKeys(what);
            driver.findElement(testId("target-baseline-input")).sendKeys(baseline);
            driver.findElement(testId("target-target-input")).sendKeys(target);
            click(testId("target-save"));
            until(d -> d.findElements(testId("target-form")).isEmpty());
        }

        /** Clicks like a person would, after scrolling the element into the middle of the window (clear of the sticky bar). */
        private void click(By by) {
            WebElement element = until(d -> {
                List<WebElement> found = new ArrayList<>(d.findElements(by));
                return found.isEmpty() ? null : found.get(0);
            });
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            // Radio inputs are visually hidden: their labels take the click.
            if ("radio".equals(element.getDomAttribute("type"))) {
                driver.findElement(By.cssSelector("label[for='" + element.getDomAttribute("id") + "']")).click();
            } else {
                element.click();
            }
        }

        <T> T until(Function<WebDriver, T> condition) {
            return new WebDriverWait(driver, BoardPage.PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(condition::apply);
        }
    }
}
