package dev.cairn.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one person does and sees in one browser: the landing page, the join card and the board,
 * found by their data-testid attributes. Every wait is generous; nothing here asserts on speed.
 */
final class BoardPage {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The two links the landing page shows after creating a room. */
    record CreatedRoom(String roomLink, String facilitatorLink) {
    }

    private final WebDriver driver;

    BoardPage(WebDriver driver) {
        this.driver = driver;
    }

    WebDriver driver() {
        return driver;
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Creates a room on the landing page at {@code baseUrl} and returns the links it offers to share. */
    CreatedRoom createRoom(String baseUrl, String title, String name) {
        driver.get(baseUrl);
        visible("room-title-input").sendKeys(title);
        visible("creator-name-input").sendKeys(name);
        visible("create-submit").click();
        String roomLink = visible("room-link").getDomProperty("value");
        String facilitatorLink = visible("facilitator-link").getDomProperty("value");
        return new CreatedRoom(roomLink, facilitatorLink);
    }

    /** The landing page's "Open the board" button, after creating a room. */
    void openBoard() {
        visible("open-board").click();
        waitUntilLive();
    }

    /** Opens a room link in a browser that is not a member yet and joins with {@code name}. */
    void join(String roomLink, String name) {
        driver.get(roomLink);
        visible("join-name-input").sendKeys(name);
        visible("join-submit").click();
        waitUntilLive();
    }

    void waitUntilLive() {
        until(PATIENCE, d -> "live".equals(d.findElement(testId("connection-state")).getDomAttribute("data-state")));
    }

    /** The word the connection pill shows: Live, Connecting…, Reconnecting… or Offline. */
    String connectionLabel() {
        return driver.findElement(testId("connection-label")).getText();
    }

    String roomTitle() {
        return driver.findElement(testId("room-title")).getText();
    }

    /**
     * Whether the member list shows {@code name} online; empty while the name is not listed. Read
     * from the list's text, so it also works on a phone, where the list is folded behind the faces.
     */
    Optional<Boolean> online(String name) {
        for (WebElement item : driver.findElements(testId("member"))) {
            String shown = item.findElement(testId("member-name")).getDomProperty("textContent");
            if (shown.equals(name)) return Optional.of("true".equals(item.getDomAttribute("data-online")));
        }
        return Optional.empty();
    }

    void waitUntilOnline(String name, boolean online, Duration patience) {
        until(patience, d -> online(name).map(shown -> shown == online).orElse(false));
    }

    /** A facilitator renames the room in place. */
    void renameRoom(String title) {
        visible("rename-room").click();
        WebElement input = visible("room-title-input");
        input.clear();
        input.sendKeys(title);
        visible("room-title-save").click();
        until(PATIENCE, d -> roomTitle().equals(title));
    }

    void waitForTitle(String title) {
        until(PATIENCE, d -> roomTitle().equals(title));
    }

    boolean canRenameRoom() {
        return !driver.findElements(testId("rename-room")).isEmpty();
    }

    /** A facilitator gives the member called {@code name} another role from the member list. */
    void changeRole(String name, String role) {
        showMemberList();
        WebElement item = until(PATIENCE, d -> d.findElements(testId("member")).stream()
            .filter(li -> li.findElement(testId("member-name")).getText().equals(name))
            .findFirst().orElse(null));
        new Select(item.findElement(testId("role-select"))).selectByValue(role);
    }

    /** On a narrow screen, opens the member list folded behind the row of faces; elsewhere it is always open. */
    void showMemberList() {
        WebElement toggle = driver.findElement(testId("members-toggle"));
        if (toggle.isDisplayed() && "false".equals(toggle.getDomAttribute("aria-expanded"))) toggle.click();
    }

    /** What the page says to screen readers through its live regions (role=status, alert, aria-live), joined by new lines. */
    String announcements() {
        Object text = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
            "return [...document.querySelectorAll('[aria-live], [role=status], [role=alert]')]"
                + ".map((el) => el.textContent.trim()).filter(Boolean).join('\\n')");
        return text == null ? "" : text.toString();
    }

    /** Waits until a live region says something containing {@code text}. */
    void waitForAnnouncement(String text) {
        until(PATIENCE, d -> announcements().contains(text));
    }

    boolean showsReadOnly() {
        return !driver.findElements(testId("read-only-tag")).isEmpty();
    }

    void waitUntilReadOnly() {
        until(PATIENCE, d -> showsReadOnly());
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement visible(String id) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    private <T> T until(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience)
            .ignoring(StaleElementReferenceException.class)
            .ignoring(NoSuchElementException.class)
            .until(condition::apply);
    }
}
