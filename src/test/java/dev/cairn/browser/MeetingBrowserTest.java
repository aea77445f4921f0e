package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Agenda panel in real headless Chromium against a real node and Redis: a facilitator and two
 * participants. The facilitator builds the agenda and starts the meeting from it; the segment's
 * countdown agrees on the three boards within a second (read from each page); a timer "until" a
 * moment a few seconds ahead runs out, and the extend-or-move-on poll reaches every board, is
 * answered from each, and its result shows on all. Waits are generous; nothing measures speed.
 */
class MeetingBrowserTest extends BrowserTest {


    @Test
    void aSegmentCountsDownAlikeOnThreeBoardsAndTheExtendOrMoveOnPollReachesEveryone() {
        WebDriver ana = browsers.desktop();
        WebDriver ben = browsers.desktop();
        WebDriver cy = browsers.desktop();
        BoardPage anaPage = new BoardPage(ana);
        BoardPage.CreatedRoom room = anaPage.createRoom(node.url(), "Harbour coalition", "Ana");
        anaPage.openBoard();
        new BoardPage(ben).join(room.roomLink(), "Ben");
        new BoardPage(cy).join(room.roomLink(), "Cy");
        List<WebDriver> everyone = List.of(ana, ben, cy);

        addSegment(ana, "Check-in", "check_in", 5);
        addSegment(ana, "Budget for the summer fair", "decision", 20);
        for (WebDriver d : everyone) until(d, x -> texts(x, "segment-title").equals(List.of("Check-in", "Budget for the summer fair")));
        shoot(ana, "agenda-prepared.png");

        click(ana, "meeting-start-agenda");
        for (WebDriver d : everyone) {
            until(d, x -> "running".equals(attr(x, "meeting-state", "data-state")));
            until(d, x -> "running".equals(attr(x, "timer", "data-state")));
        }
        // Every board reads its countdown (the number shown and the milliseconds behind it) with
        // the time it read it; the machine's clock is the same for all three browsers.
        List<long[]> readings = new ArrayList<>();
        for (WebDriver d : everyone) readings.add(countdown(d));
        long reference = readings.get(0)[1];
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (long[] r : readings) {
            long atReference = r[0] + (r[1] - reference);
            lowest = Math.min(lowest, atReference);
            highest = Math.max(highest, atReference);
            assertTrue(r[0] > 4 * 60_000 && r[0] <= 5 * 60_000, "a five-minute timebox, never more: " + r[0]);
            assertTrue(Math.abs(r[2] * 1000 - r[0]) < 1000, "the digits show the same time: " + r[2] + " s vs " + r[0] + " ms");
        }
        assertTrue(highest - lowest < 1000, "the three countdowns agree within a second: " + (highest - lowest) + " ms apart");
        // The same, from each board's clock-corrected now at the moment of reading (no redraw in between).
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (WebDriver d : everyone) {
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) js(d, "const el = document.querySelector('[data-testid=timer]');"
                + "return [Number(el.dataset.endsAt) - window.cairn.connection.serverNow(), Date.now()];");
            long atReference = ((Number) r.get(0)).longValue() + (((Number) r.get(1)).longValue() - reference);
            low = Math.min(low, atReference);
            high = Math.max(high, atReference);
        }
        assertTrue(high - low < 500, "corrected for their clock offsets, the boards agree within half a second: " + (high - low));
        System.out.println("MeetingBrowserTest: the three countdowns as drawn were " + (highest - lowest)
            + " ms apart (redrawn every 250 ms); by their corrected clocks " + (high - low) + " ms");
        for (WebDriver d : List.of(ben, cy)) {
            until(d, x -> x.findElements(testId("timer-pause")).isEmpty() && !x.findElements(testId("timer-display")).isEmpty());
        }
        shoot(ana, "agenda-running-facilitator.png");
        shoot(ben, "agenda-running-participant.png");

        // A timer to a moment five seconds ahead, set as a wall time the way a facilitator types "until 15:30".
        js(ana, "const t = new Date(window.cairn.connection.serverNow() + 5000);"
            + "const p = (n) => String(n).padStart(2, '0');"
            + "const input = document.querySelector('[data-testid=timer-until]');"
            + "input.value = p(t.getHours()) + ':' + p(t.getMinutes()) + ':' + p(t.getSeconds());"
            + "input.dispatchEvent(new Event('input', {bubbles: true}));");
        click(ana, "timer-until-start");
        for (WebDriver d : everyone) until(d, x -> {
            String left = attr(x, "timer", "data-remaining-ms");
            return left != null && !left.isEmpty() && Long.parseLong(left) < 10_000;
        });
        for (WebDriver d : everyone) {
            until(d, x -> "up".equals(attr(x, "timer", "data-state")));
            until(d, x -> !x.findElements(testId("time-up")).isEmpty());
            until(d, x -> x.findElement(testId("timer-announcer")).getText().startsWith("Time is up"));
        }

        click(ana, "poll-open");
        for (WebDriver d : everyone) {
            until(d, x -> "open".equals(attr(x, "poll", "data-state")));
            assertEquals("Extend by 5 minutes or move on?", d.findElement(testId("poll-question")).getText());
        }
        click(ben, "poll-extend");
        click(cy, "poll-move-on");
        click(ana, "poll-extend");
        for (WebDriver d : everyone) {
            until(d, x -> "2".equals(attr(x, "poll-result", "data-extend")) && "1".equals(attr(x, "poll-result", "data-move-on")));
        }
        shoot(cy, "agenda-poll-participant.png");
        click(ana, "poll-close");
        for (WebDriver d : everyone) {
            until(d, x -> "closed".equals(attr(x, "poll", "data-state")));
            until(d, x -> x.findElement(testId("poll-verdict")).getText().contains("extend by 5 min"));
        }
        shoot(ana, "agenda-poll-closed-facilitator.png");
        click(ana, "poll-act-extend");
        for (WebDriver d : everyone) until(d, x -> "running".equals(attr(x, "timer", "data-state")));
        click(ana, "meeting-next");
        for (WebDriver d : everyone) {
            until(d, x -> x.findElement(testId("timebox-now")).getText().contains("Budget for the summer fair"));
            until(d, x -> statuses(x).equals(List.of("done", "active")));
        }
        shoot(ben, "agenda-next-segment-participant.png");
    }

    @Test
    void proposalsFollowMeTheRotaAndRoleChangesAreSeenAndDemotionIsAskedFirst() {
        WebDriver ana = browsers.desktop();
        WebDriver ben = browsers.desktop();
        BoardPage anaPage = new BoardPage(ana);
        BoardPage.CreatedRoom room = anaPage.createRoom(node.url(), "Eastside food co-op", "Ana");
        anaPage.openBoard();
        BoardPage benPage = new BoardPage(ben);
        benPage.join(room.roomLink(), "Ben");

        addSegment(ana, "Check-in", "check_in", 5);
        assertTrue(ben.findElements(testId("segment-add")).isEmpty(), "a participant does not edit the agenda");
        click(ben, "propose-open");
        WebElement form = until(ben, x -> x.findElement(testId("segment-form")));
        form.findElement(testId("segment-title-input")).sendKeys("Volunteer rota for June");
        form.findElement(testId("segment-save")).click();
        until(ana, x -> !x.findElements(testId("proposal")).isEmpty());
        until(ben, x -> !x.findElements(testId("proposal")).isEmpty());
        shoot(ana, "agenda-proposal-facilitator.png");
        click(ana, "proposal-accept");
        for (WebDriver d : List.of(ana, ben)) {
            until(d, x -> texts(x, "segment-title").equals(List.of("Check-in", "Volunteer rota for June")));
            until(d, x -> x.findElements(testId("proposal")).isEmpty());
        }

        // The rota: Ben is next.
        click(ana, "rota-toggle");
        new Select(until(ana, x -> x.findElement(testId("rota-add-select")))).selectByVisibleText("Ben");
        click(ana, "rota-add");
        until(ben, x -> x.findElement(testId("rota-next")).getText().equals("Next time you facilitate."));
        until(ana, x -> x.findElement(testId("rota-next")).getText().equals("Next time Ben facilitates."));

        // Follow me: Ana brings everyone to the speaking queue; Ben steps out and back in.
        click(ana, "meeting-start");
        new Select(until(ana, x -> x.findElement(testId("focus-panel")))).selectByValue("queue");
        click(ana, "focus-follow-me");
        until(ben, x -> x.findElement(By.id("panel-queue")).getDomAttribute("class").contains("is-focus"));
        until(ben, x -> x.findElement(testId("focus-note")).getText().equals("Ana brought everyone to Speaking queue."));
        until(ben, x -> "panel-queue".equals(js(x, "return document.activeElement && document.activeElement.id;")));
        click(ben, "focus-unfollow");
        until(ben, x -> !x.findElement(By.id("panel-queue")).getDomAttribute("class").contains("is-focus"));
        click(ben, "focus-follow");
        until(ben, x -> x.findElement(By.id("panel-queue")).getDomAttribute("class").contains("is-focus"));
        click(ana, "focus-release");
        until(ben, x -> x.findElements(testId("focus-note")).isEmpty());

        // Role changes are announced; demoting a facilitator is asked about first.
        anaPage.changeRole("Ben", "facilitator");
        until(ben, x -> texts(x, "toast").contains("Ana made you a facilitator."));
        until(ben, x -> !x.findElements(testId("segment-add")).isEmpty());
        anaPage.changeRole("Ben", "participant");
        WebElement ask = until(ana, x -> x.findElement(testId("demote-confirmation")));
        assertTrue(ask.getText().contains("Make Ben a participant?"), ask.getText());
        screenshotMembers(ana, "members-demote-confirm.png");
        click(ana, "demote-cancel");
        until(ana, x -> x.findElements(testId("demote-confirmation")).isEmpty());
        assertEquals("facilitator", memberRole(ana, "Ben"), "keeping the role changes nothing");
        anaPage.changeRole("Ben", "participant");
        click(ana, "demote-confirm");
        until(ana, x -> "participant".equals(memberRole(x, "Ben")));
        until(ben, x -> texts(x, "toast").contains("Ana made you a participant."));
        until(ben, x -> x.findElements(testId("segment-add")).isEmpty());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void addSegment(WebDriver d, String title, String kind, int minutes) {
        click(d, "segment-add");
        WebElement form = until(d, x -> x.findElement(testId("segment-form")));
        form.findElement(testId("segment-title-input")).sendKeys(title);
        new Select(form.findElement(testId("segment-kind-input"))).selectByValue(kind);
        WebElement min = form.findElement(testId("segment-minutes-input"));
        min.clear();
        min.sendKeys(Integer.toString(minutes));
        form.findElement(testId("segment-save")).click();
        until(d, x -> x.findElements(testId("segment-form")).isEmpty());
    }

    /** {remaining ms, Date.now() when read, seconds the digits show (negative past zero)}. */
    private static long[] countdown(WebDriver d) {
        @SuppressWarnings("unchecked")
        List<Object> r = (List<Object>) js(d, "const el = document.querySelector('[data-testid=timer]');"
            + "const text = el.querySelector('[data-testid=timer-display]').textContent;"
            + "return [Number(el.dataset.remainingMs), Date.now(), text];");
        String text = (String) r.get(2);
        boolean over = text.startsWith("+");
        long seconds = 0;
        for (String part : text.replace("+", "").split(":")) seconds = seconds * 60 + Long.parseLong(part);
        return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(), over ? -seconds : seconds};
    }

    private static List<String> statuses(WebDriver d) {
        List<String> out = new ArrayList<>();
        for (WebElement li : d.findElements(testId("segment"))) out.add(li.getDomAttribute("data-status"));
        return out;
    }

    private static List<String> texts(WebDriver d, String id) {
        List<String> out = new ArrayList<>();
        for (WebElement el : d.findElements(testId(id))) out.add(el.getText());
        return out;
    }

    private static String attr(WebDriver d, String id, String name) {
        List<WebElement> found = d.findElements(testId(id));
        return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    }

    private static void click(WebDriver d, String id) {
        WebElement el = until(d, x -> {
            WebElement e = x.findElement(testId(id));
            return e.isDisplayed() && e.isEnabled() ? e : null;
        });
        js(d, "arguments[0].scrollIntoView({block: 'center'});", el);
        until(d, x -> {
            x.findElement(testId(id)).click();
            return true;
        });
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    private static String memberRole(WebDriver d, String name) {
        for (WebElement li : d.findElements(testId("member"))) {
            if (li.findElement(testId("member-name")).getText().equals(name)) return li.getDomAttribute("data-role");
        }
        return null;
    }

    private static void screenshotMembers(WebDriver d, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = d.findElement(testId("members")).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A picture of the Agenda panel as this board shows it, under target/screenshots. */
    private static void shoot(WebDriver d, String name) {
        try {
            WebElement panel = d.findElement(By.id("panel-agenda"));
            // clear of the sticky top bar, which would otherwise cover the panel's top in the picture
            js(d, "window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 80);", panel);
            Files.createDirectories(SCREENSHOTS);
            Path shot = panel.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
