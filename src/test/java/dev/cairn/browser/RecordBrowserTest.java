package dev.cairn.browser;

import dev.cairn.support.BoardClient;
import dev.cairn.support.MeetingScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printable meeting record in real headless Chromium: Ana opens it from her board after a
 * meeting in which members' names and texts tried to become markup; it renders every section with
 * those texts shown literally (no alert, no element injected), switches to the whole room, offers
 * both downloads, and under print media shows the sheet alone. Screenshots of the page on screen
 * and as printed go to target/screenshots.
 */
class RecordBrowserTest extends BrowserTest {
    private final List<BoardClient> boards = new ArrayList<>();

    @AfterEach
    void closeBoards() {
        for (BoardClient b : boards) b.close();
    }

    @Test
    void theRecordPageOfAMeetingShowsEveryTypedTextLiterallyAndPrintsTheSheetAlone() throws IOException {
        BoardPage anaPage = room("Garden club | " + MeetingScript.SCRIPT, "Ana").get(0);
        WebDriver ana = anaPage.driver();
        String roomId = ana.getCurrentUrl().replaceAll("^.*/r/([^/?#]+).*$", "$1");
        String token = (String) ((JavascriptExecutor) ana).executeScript(
            "return JSON.parse(localStorage.getItem('cairn.member.' + arguments[0])).token", roomId);
        MeetingScript.Held held = MeetingScript.hold(node.port(), roomId, token, boards::add);

        until(ana, d -> !d.findElement(testId("record-link")).getDomAttribute("href").equals("/"));
        ((JavascriptExecutor) ana).executeScript("arguments[0].scrollIntoView({block: 'center'})", ana.findElement(testId("record-link")));
        anaPage.screenshot(SCREENSHOTS.resolve("record-link-on-board.png"));
        ana.findElement(testId("record-link")).click();
        until(ana, d -> "ready".equals(d.findElement(testId("record")).getDomAttribute("data-state")));
        assertEquals("meeting", ana.findElement(testId("record")).getDomAttribute("data-span"));
        assertEquals(held.meetingId(), new Select(ana.findElement(testId("record-meeting"))).getFirstSelectedOption().getDomAttribute("value"),
            "opened from the board, the record is the latest meeting's");

        assertEquals("Meeting record: Garden club | " + MeetingScript.SCRIPT, ana.findElement(testId("record-title")).getText());
        List<String> titles = ana.findElements(testId("record-section")).stream()
            .map(s -> s.findElement(org.openqa.selenium.By.tagName("h2")).getText()).toList();
        assertEquals(List.of("Purpose", "Meeting", "Speaking time", "Decisions"), titles);
        String shown = ana.findElement(testId("record")).getText();
        for (String literal : List.of("Ben " + MeetingScript.SCRIPT, "Cai `tick` " + MeetingScript.LINK,
            "Beds `planted` | ready", "Buy seeds `now` | " + MeetingScript.LINK, "Welcome " + MeetingScript.SCRIPT,
            "Grow food for 50 families " + MeetingScript.SCRIPT)) {
            assertTrue(shown.contains(literal), "shown as typed: " + literal + "\n" + shown);
        }
        Object injected = ((JavascriptExecutor) ana).executeScript(
            "return document.querySelectorAll('#record script, #record a, #record img, #record code, #record iframe').length");
        assertEquals(0L, injected, "nothing a member typed became an element");
        assertThrows(NoAlertPresentException.class, () -> ana.switchTo().alert(), "no script ran");

        Path screen = SCREENSHOTS.resolve("record-page.png");
        fullPage(ana, screen);

        ana.findElement(testId("record-download-md")).click();
        until(ana, d -> String.valueOf(d.findElement(testId("record-status")).getDomAttribute("data-downloaded")).endsWith(".md"));
        ana.findElement(testId("record-download-json")).click();
        until(ana, d -> String.valueOf(d.findElement(testId("record-status")).getDomAttribute("data-downloaded")).endsWith(".json"));

        ((ChromeDriver) ana).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        Object toolbar = ((JavascriptExecutor) ana).executeScript(
            "return getComputedStyle(document.querySelector('[data-testid=record-toolbar]')).display");
        assertEquals("none", toolbar, "printed, the page has no toolbar");
        fullPage(ana, SCREENSHOTS.resolve("record-print.png"));
        ((ChromeDriver) ana).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        new Select(ana.findElement(testId("record-meeting"))).selectByValue("");
        until(ana, d -> "room".equals(d.findElement(testId("record")).getDomAttribute("data-span"))
            && "ready".equals(d.findElement(testId("record")).getDomAttribute("data-state")));
        assertTrue(ana.findElement(testId("record-title")).getText().startsWith("Room record: "));
        assertTrue(ana.getCurrentUrl().contains("span=room"));
        assertTrue(Files.size(screen) > 10_000);
    }

    /** The whole page, not only the window, as Chromium renders it now. */
    private static void fullPage(WebDriver driver, Path file) throws IOException {
        ChromeDriver chrome = (ChromeDriver) driver;
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
            "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
