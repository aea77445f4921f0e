package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.function.Function;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The purpose panel in a real meeting, in headless Chromium: where focus goes after each action
 * (never to the page body), confirmations that open on the safe choice and close with Escape.
 */
class PurposeEditingBrowserTest extends BrowserTest {

    @Test
    void focusStaysOnTheControlThatActedAndConfirmationsOpenOnTheSafeChoiceAndCloseWithEscape() {
        List<BoardPage> pages = room("Eastside food co-op", "Ana", "Ben");
        Panel ana = new Panel(pages.get(0).driver());
        ana.type("Every family on the east side eats fresh food every day.");
        ana.until(d -> ana.saved());

        // Rating: focus stays on the button that sent it.
        ana.click(testId("rate-inspiring-4"));
        ana.click(testId("rate-valuable-3"));
        ana.click(testId("rate-measurable-2"));
        ana.click(testId("rating-submit"));
        ana.until(d -> d.findElement(testId("ratings-mine")).getText().startsWith("You rated"));
        assertEquals("rating-submit", ana.focused());

        // Adoption: the question opens on Cancel, Escape closes it back to its button; adopting focuses the result.
        ana.click(testId("adopt-button"));
        ana.until(d -> "adopt-cancel".equals(ana.focused()));
        ana.press(Keys.ESCAPE);
        ana.until(d -> d.findElements(testId("adopt-confirmation")).isEmpty());
        assertEquals("adopt-button", ana.focused());
        ana.click(testId("adopt-button"));
        ana.click(testId("adopt-confirm"));
        ana.until(d -> !d.findElements(testId("adopted-text")).isEmpty() && "adopted-text".equals(ana.focused()));

        // Moving a target: focus follows it, onto the other move button when this one can go no further.
        ana.addTarget("Households sharing the work", "300");
        ana.addTarget("Fresh meals a week", "2000");
        String first = ana.targetIds().get(0);
        ana.click(By.cssSelector("[data-testid='target'][data-id='" + first + "'] [data-testid='target-down']"));
        ana.until(d -> ana.targetIds().get(1).equals(first));
        ana.until(d -> "target-up".equals(ana.focused()));
        assertEquals(first, ana.focusedRow());

        // Removing a target asks first, on Cancel; Escape keeps it and goes back to its Remove button.
        ana.click(By.cssSelector("[data-testid='target'][data-id='" + first + "'] [data-testid='target-remove']"));
        ana.until(d -> "target-remove-cancel".equals(ana.focused()));
        ana.press(Keys.ESCAPE);
        ana.until(d -> d.findElements(testId("target-remove-confirmation")).isEmpty());
        assertEquals("target-remove", ana.focused());
        assertEquals(2, ana.targetIds().size());

        // The agenda asks the same way before removing a segment.
        ana.click(testId("segment-add"));
        ana.until(d -> d.findElement(testId("segment-form"))).findElement(testId("segment-title-input")).sendKeys("Check-in");
        ana.click(testId("segment-save"));
        ana.until(d -> d.findElements(testId("segment-form")).isEmpty() && !d.findElements(testId("segment-remove")).isEmpty());
        ana.click(testId("segment-remove"));
        ana.until(d -> "segment-remove-cancel".equals(ana.focused()));
        ana.press(Keys.ESCAPE);
        ana.until(d -> d.findElements(testId("segment-remove-confirmation")).isEmpty());
        assertEquals("segment-remove", ana.focused());
        assertEquals(1, ana.driver.findElements(testId("segment")).size());

        // Changing a role: focus stays on that member's role menu.
        WebElement benRow = ana.memberRow("Ben");
        new Select(benRow.findElement(testId("role-select"))).selectByValue("observer");
        ana.until(d -> "observer".equals(ana.memberRow("Ben").getDomAttribute("data-role")));
        ana.until(d -> "role-select".equals(ana.focused()));

        // Locking: focus stays on the lock button.
        ana.click(testId("purpose-lock-toggle"));
        ana.until(d -> "true".equals(d.findElement(By.id("panel-purpose")).getDomAttribute("data-locked")));
        assertEquals("purpose-lock-toggle", ana.focused());
    }

    @Test
    void aLockWarnsWhoeverIsTypingGivesAGraceAndARefusedEditIsNeverShownAsSaved() {
        List<BoardPage> pages = room("Tenants' union", "Ana", "Ben");
        Panel ana = new Panel(pages.get(0).driver());
        Panel ben = new Panel(pages.get(1).driver());
        ben.type("Repairs are answered within 14 days. Tenant");
        ana.until(d -> ana.text().endsWith("Tenant"));

        // Ana locks: Ben is warned by name and keeps typing through the grace; his words are saved.
        ana.click(testId("purpose-lock-toggle"));
        ben.until(d -> d.findElement(testId("purpose-lock-warning")).getText().startsWith("Ana is locking the draft in"));
        assertEquals("purpose-lock-toggle", ana.focused());
        ben.screenshot("purpose-lock-warning.png");
        ben.textarea().sendKeys("s decide.");
        ben.until(d -> ben.saved());
        ana.until(d -> ana.text().equals("Repairs are answered within 14 days. Tenants decide."));

        // Ana locks at once; Ben's draft becomes read-only.
        ana.click(testId("purpose-lock-now"));
        ben.until(d -> "true".equals(d.findElement(By.id("panel-purpose")).getDomAttribute("data-locked"))
            && ben.textarea().getDomAttribute("readonly") != null);
        ben.until(d -> d.findElements(testId("purpose-lock-warning")).stream().noneMatch(WebElement::isDisplayed));

        // A keystroke that was on its way when the lock landed (simulated: the textarea made writable again) is refused,
        // and Ben's board says so instead of "All changes saved".
        ((JavascriptExecutor) ben.driver).executeScript("arguments[0].readOnly = false;", ben.textarea());
        ben.textarea().sendKeys(" Late");
        ben.until(d -> "refused".equals(ben.saveState()));
        assertEquals("Not saved: the draft is locked", ben.driver.findElement(testId("purpose-save-state")).getText());
        ben.until(d -> d.findElement(testId("unsent-notice")).isDisplayed());
        ben.screenshot("purpose-not-saved.png");
        assertEquals("Repairs are answered within 14 days. Tenants decide.", ana.text());

        // Ana may still tidy the locked draft.
        ana.textarea().sendKeys(Keys.END, " Monthly.");
        ana.until(d -> ana.saved() && ana.text().endsWith("decide. Monthly."));
        ben.until(d -> ben.text().endsWith("decide. Monthly."));
        check("refused".equals(ben.saveState()), "Ben's refused edit still shows as not saved after someone else's edit");

        // The adoption question shows the exact text it adopts; an edit after it was shown makes it refused.
        ana.click(testId("adopt-button"));
        assertEquals(ana.text(), ana.driver.findElement(testId("adopt-exact-text")).getText());
        ana.textarea().sendKeys(" Signed.");
        ana.until(d -> ana.saved() && d.findElement(testId("adopt-changed")).isDisplayed());
        ana.click(testId("adopt-confirm"));
        ana.until(d -> d.findElements(testId("toast")).stream().anyMatch(t -> t.getText().contains("was not adopted")));
        assertTrue(ana.driver.findElements(testId("adopted-text")).isEmpty(), "nothing was adopted");
        ana.click(testId("adopt-button"));
        ana.click(testId("adopt-confirm"));
        ana.until(d -> !d.findElements(testId("adopted-text")).isEmpty());
        assertEquals("Repairs are answered within 14 days. Tenants decide. Monthly. Signed.",
            ana.driver.findElement(testId("adopted-text")).getText());
    }

    @Test
    void twoPeopleEditingOneTargetSeeEachOtherAndTheLaterOneChoosesKeepMineOrUseTheirs() {
        List<BoardPage> pages = room("Tenants' union", "Ana", "Ben");
        Panel ana = new Panel(pages.get(0).driver());
        Panel ben = new Panel(pages.get(1).driver());
        ana.addTarget("Repairs answered in time", "90%");
        ben.until(d -> ben.targetIds().size() == 1);

        // Ben opens the target's form: Ana sees that he is editing it; both forms say who else is in it.
        ben.click(testId("target-edit"));
        ana.until(d -> d.findElement(testId("target-editing")).getText().equals("Ben is editing"));
        ana.click(testId("target-edit"));
        ana.until(d -> d.findElement(testId("target-form-editing")).getText().equals("Ben is editing this target too."));
        ben.until(d -> d.findElement(testId("target-form-editing")).getText().equals("Ana is editing this target too."));

        // Ben changes the target; Ana saves a new wording first. Ben's open form says so at once, both versions side by side.
        ben.replace("target-target-input", "95%");
        ana.replace("target-what-input", "Repairs answered in 14 days");
        ana.click(testId("target-save"));
        ana.until(d -> d.findElements(testId("target-form")).isEmpty());
        ben.until(d -> d.findElement(testId("edit-conflict")).getText().startsWith("Ana changed this target while you were editing."));
        List<WebElement> fields = ben.driver.findElements(testId("edit-conflict-field"));
        assertEquals(List.of("what", "target"), fields.stream().map(f -> f.getDomAttribute("data-key")).toList());
        assertEquals("Repairs answered in 14 days", fields.get(0).findElement(testId("edit-conflict-theirs")).getText());
        assertEquals("95%", fields.get(1).findElement(testId("edit-conflict-mine")).getText());
        ben.screenshot("target-conflict.png", "[data-testid='edit-conflict']");

        // Keep mine: Ben's change is saved on Ana's version; what he did not touch keeps Ana's words.
        ben.click(testId("edit-conflict-keep-mine"));
        ben.until(d -> d.findElements(testId("target-form")).isEmpty());
        ana.until(d -> d.findElement(testId("target")).getText().contains("95%"));
        assertTrue(ana.driver.findElement(testId("target-what")).getText().equals("Repairs answered in 14 days"));
        ana.until(d -> d.findElements(testId("target-editing")).isEmpty());

        // Use theirs: Ben drops his change and sees Ana's.
        ben.click(testId("target-edit"));
        ben.replace("target-target-input", "99%");
        ana.click(testId("target-edit"));
        ana.replace("target-tracker-input", "Ana");
        ana.click(testId("target-save"));
        ben.until(d -> !d.findElements(testId("edit-conflict")).isEmpty());
        ben.click(testId("edit-conflict-use-theirs"));
        ben.until(d -> d.findElements(testId("target-form")).isEmpty() && d.findElement(testId("target")).getText().contains("Tracked by Ana"));
        assertTrue(ben.driver.findElement(testId("target")).getText().contains("95%"), "his 99% was dropped");
        assertEquals("target-edit", ben.focused());
    }

    @Test
    void theHistoryGroupsTwoPeoplesTypingMarksTheAdoptionAndTheMeetingAndTheSliderSelectsItsGroup() {
        List<BoardPage> pages = room("Tenants' union", "Ana", "Ben");
        Panel ana = new Panel(pages.get(0).driver());
        Panel ben = new Panel(pages.get(1).driver());
        ana.type("Repairs are answered");
        ana.until(d -> ana.saved());
        ben.until(d -> ben.text().equals("Repairs are answered"));
        ben.textarea().sendKeys(Keys.END, " within 14 days.");
        ben.until(d -> ben.saved());
        ana.until(d -> ana.text().equals("Repairs are answered within 14 days."));

        // Ana adopts; then a meeting starts and she goes on writing.
        ana.click(testId("adopt-button"));
        ana.click(testId("adopt-confirm"));
        ana.until(d -> !d.findElements(testId("adopted-text")).isEmpty());
        ana.click(testId("meeting-start"));
        ana.until(d -> "running".equals(d.findElement(testId("meeting-state")).getDomAttribute("data-state")));
        ana.textarea().sendKeys(Keys.END, " Tenants decide.");
        ana.until(d -> ana.saved() && ana.text().endsWith("Tenants decide."));

        ana.click(testId("purpose-history-open"));
        ana.until(d -> d.findElements(testId("history-group")).size() == 2);
        List<WebElement> groups = ana.driver.findElements(testId("history-group"));
        WebElement newer = groups.get(0);
        WebElement older = groups.get(1);
        assertEquals("Ana and Ben", older.findElement(testId("history-who")).getText(), "both authors in one group");
        assertEquals("added “Repairs are answered within 14 days.”", older.findElement(testId("history-summary")).getText());
        assertTrue(older.findElement(testId("history-adopted")).getText().startsWith("Adopted: revision "));
        assertEquals("Ana", newer.findElement(testId("history-who")).getText());
        assertTrue(newer.findElements(testId("history-adopted")).isEmpty());
        assertTrue(ana.driver.findElement(testId("history-meeting")).getText().startsWith("Meeting started"));

        // The slider selects its revision's group.
        assertEquals("true", newer.getDomAttribute("aria-current"));
        ((JavascriptExecutor) ana.driver).executeScript(
            "const s = arguments[0]; s.value = '1'; s.dispatchEvent(new Event('input', {bubbles: true}));",
            ana.driver.findElement(testId("history-slider")));
        ana.until(d -> "true".equals(d.findElements(testId("history-group")).get(1).getDomAttribute("aria-current"))
            && "false".equals(d.findElements(testId("history-group")).get(0).getDomAttribute("aria-current")));
        new BoardPage(ana.driver).screenshot(SCREENSHOTS.resolve("purpose-history.png"));
    }

    /** The purpose panel as one person sees it and uses it. */
    static final class Panel {
        final WebDriver driver;

        Panel(WebDriver driver) {
            this.driver = driver;
        }

        WebElement textarea() {
            return until(d -> d.findElement(testId("purpose-draft")));
        }

        String text() {
            return textarea().getDomProperty("value");
        }

        boolean saved() {
            return "saved".equals(saveState());
        }

        String saveState() {
            return driver.findElement(testId("purpose-save-state")).getDomAttribute("data-state");
        }

        void type(String text) {
            WebElement area = textarea();
            until(d -> area.getDomAttribute("readonly") == null);
            area.click();
            area.sendKeys(text);
        }

        /** The data-testid of the focused element, or its tag name (BODY when focus fell to the page). */
        String focused() {
            return (String) ((JavascriptExecutor) driver).executeScript(
                "const a = document.activeElement; return a?.dataset?.testid || a?.tagName || null;");
        }

        /** The data-id of the row (target, segment) the focused element is in. */
        String focusedRow() {
            return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.activeElement?.closest('[data-id]')?.dataset.id ?? null;");
        }

        void screenshot(String name) {
            screenshot(name, "#panel-purpose");
        }

        /** A screenshot with {@code selector}'s element in the middle of the window. */
        void screenshot(String name, String selector) {
            ((JavascriptExecutor) driver).executeScript(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", selector);
            new BoardPage(driver).screenshot(SCREENSHOTS.resolve(name));
        }

        /** Replaces what an input of the open form holds. */
        void replace(String testid, String value) {
            WebElement input = until(d -> d.findElement(testId(testid)));
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
            until(d -> value.equals(input.getDomProperty("value")));
        }

        void press(CharSequence key) {
            new Actions(driver).sendKeys(key).perform();
        }

        List<String> targetIds() {
            return driver.findElements(testId("target")).stream().map(e -> e.getDomAttribute("data-id")).toList();
        }

        WebElement memberRow(String name) {
            return until(d -> d.findElements(testId("member")).stream()
                .filter(li -> li.findElement(testId("member-name")).getText().equals(name))
                .findFirst().orElse(null));
        }

        void addTarget(String what, String target) {
            click(testId("target-add"));
            until(d -> d.findElement(testId("target-what-input"))).sendKeys(what);
            driver.findElement(testId("target-target-input")).sendKeys(target);
            click(testId("target-save"));
            until(d -> d.findElements(testId("target-form")).isEmpty()
                && d.findElements(testId("target-what")).stream().anyMatch(e -> e.getText().equals(what)));
        }

        /** Clicks like a person would, after scrolling the element into the middle of the window (clear of the sticky bar). */
        void click(By by) {
            WebElement element = until(d -> {
                List<WebElement> found = d.findElements(by);
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

    static void check(boolean condition, String message) {
        assertTrue(condition, message);
    }
}
