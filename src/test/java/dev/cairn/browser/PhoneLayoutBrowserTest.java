package dev.cairn.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board on a phone (390 × 844) as someone in a meeting room holds it: the running segment,
 * the queue and the purpose come first, within the first screen; members fold into a row of faces
 * that opens the list; the room's title shows whole; the Invite dialog shows each link whole and
 * shares it through the system share sheet. The desktop keeps its members list beside the board.
 * Screenshots of the landing page, the join card and the board at both sizes go to target/screenshots.
 */
class PhoneLayoutBrowserTest extends BrowserTest {
    private static final String TITLE = "Riverside Tenants' Alliance: winter repairs campaign";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void onAPhoneTheMeetingComesFirstMembersAreARowOfFacesAndTheTitleAndLinksShowWhole() {
        WebDriver landingPhone = browsers.phone();
        landingPhone.get(node.url());
        until(landingPhone, d -> d.findElement(testId("create-card")).isDisplayed());
        shoot(landingPhone, "landing-phone.png");

        BoardPage ana = new BoardPage(desktop());
        ana.driver().get(node.url());
        shoot(ana.driver(), "landing-desktop.png");
        BoardPage.CreatedRoom room = ana.createRoom(node.url(), TITLE, "Ana");
        ana.openBoard();

        WebDriver joinDesktop = desktop();
        joinDesktop.get(room.roomLink());
        until(joinDesktop, d -> d.findElement(testId("join-name-input")).isDisplayed());
        shoot(joinDesktop, "join-desktop.png");
        browsers.quit(joinDesktop);

        WebDriver phone = browsers.phone();
        phone.get(room.roomLink());
        until(phone, d -> d.findElement(testId("join-name-input")).isDisplayed());
        shoot(phone, "join-phone.png");
        BoardPage carol = new BoardPage(phone);
        carol.join(room.roomLink(), "Carol (projector)");
        ana.waitUntilOnline("Carol (projector)", true, PATIENCE);

        // Some of a meeting: two segments, the first running, a draft, a raised hand.
        addSegment(ana.driver(), "Check-in", 5);
        addSegment(ana.driver(), "Boiler repairs: who calls the landlord", 20);
        ana.driver().findElement(testId("meeting-start-agenda")).click();
        until(phone, d -> "running".equals(d.findElement(testId("timer")).getDomAttribute("data-state")));
        WebElement draft = ana.driver().findElement(testId("purpose-draft"));
        draft.sendKeys("Every flat on Elm Street warm by 1 March, with the landlord paying for the repairs.");
        until(phone, d -> d.findElement(testId("purpose-draft")).getDomProperty("value").startsWith("Every flat"));
        phone.findElement(testId("queue-raise-new")).click();
        until(ana.driver(), d -> !d.findElements(testId("queue-entry-name")).isEmpty());
        js(phone, "window.scrollTo(0, 0)");
        shoot(phone, "board-phone.png");

        // What comes first, within the first screen.
        long screen = number(phone, "return window.innerHeight");
        long agenda = top(phone, "panel-agenda");
        long queue = top(phone, "panel-queue");
        long purpose = top(phone, "panel-purpose");
        assertTrue(agenda < queue && queue < purpose, "agenda, then queue, then purpose: " + agenda + ", " + queue + ", " + purpose);
        long purposeHeading = number(phone, "return Math.round(document.getElementById('panel-purpose-title').getBoundingClientRect().bottom)");
        assertTrue(purposeHeading < screen, "the purpose's heading is within the first screen (" + purposeHeading + " of " + screen + " px)");
        assertTrue(top(phone, "panel-decisions") > purpose, "open votes follow the purpose");

        // Members: a row of faces, not a tall list; tapping it opens the list.
        assertFalse(phone.findElement(testId("member-list")).isDisplayed(), "the member list is folded");
        List<WebElement> faces = phone.findElements(testId("member-avatar"));
        assertEquals(2, faces.size());
        assertTrue(faces.stream().allMatch(WebElement::isDisplayed));
        assertTrue(faces.stream().map(WebElement::getText).toList().contains("CP"), "initials from letters only");
        long membersHeight = number(phone, "return document.querySelector('[data-testid=members]').getBoundingClientRect().height");
        assertTrue(membersHeight < 90, "the members row is one row high: " + membersHeight + " px");

        // The title is whole: wrapped, not cut.
        assertEquals(TITLE, carol.roomTitle());
        assertTrue(Boolean.TRUE.equals(js(phone, "const t = document.querySelector('[data-testid=room-title]');"
            + "const r = t.getBoundingClientRect(); return t.scrollWidth <= t.clientWidth && r.left >= 0 && r.right <= window.innerWidth;")),
            "the room title fits the screen without being cut");

        carol.showMemberList();
        until(phone, d -> d.findElement(testId("member-list")).isDisplayed());
        assertTrue(phone.findElements(testId("member-name")).stream().anyMatch(n -> n.getText().equals("Ana")));
        shoot(phone, "board-phone-members.png");

        // The Invite dialog: the link whole, and the system share sheet where there is one.
        js(phone, "window.__shared = null; navigator.canShare = () => true;"
            + "navigator.share = async (data) => { window.__shared = data; };");
        phone.findElement(testId("share-button")).click();
        WebElement link = until(phone, d -> {
            WebElement field = d.findElement(testId("share-room-link"));
            return room.roomLink().equals(field.getDomProperty("value")) ? field : null;
        });
        assertTrue(Boolean.TRUE.equals(js(phone, "const f = arguments[0]; return f.scrollWidth <= f.clientWidth && f.scrollHeight <= f.clientHeight + 1;", link)),
            "the whole room link is visible in its field");
        shoot(phone, "invite-phone.png");
        phone.findElement(testId("share-room-link-share")).click();
        Object shared = until(phone, d -> js(d, "return window.__shared"));
        assertEquals(room.roomLink(), ((Map<?, ?>) shared).get("url"));

        // The desktop keeps the list beside the board, with no fold.
        WebDriver desk = ana.driver();
        assertTrue(desk.findElement(testId("member-list")).isDisplayed());
        assertFalse(desk.findElement(testId("members-toggle")).isDisplayed());
        assertTrue(top(desk, "panel-purpose") < top(desk, "panel-agenda"), "on a desktop the purpose leads, full width");
        shoot(desk, "board-desktop.png");
        desk.findElement(testId("share-button")).click();
        WebElement deskLink = until(desk, d -> d.findElement(testId("share-facilitator-link")));
        assertTrue(Boolean.TRUE.equals(js(desk, "const f = arguments[0]; return f.scrollWidth <= f.clientWidth && f.scrollHeight <= f.clientHeight + 1;", deskLink)),
            "the whole facilitator link is visible in its field");
        shoot(desk, "invite-desktop.png");
    }

    /** A desktop window of 1280 × 800 CSS pixels, the size of the desktop screenshots. */
    private WebDriver desktop() {
        WebDriver d = browsers.desktop();
        d.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        long inner = number(d, "return window.innerHeight");
        d.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) (800 + 800 - inner)));
        return d;
    }

    private static void addSegment(WebDriver d, String title, int minutes) {
        d.findElement(testId("segment-add")).click();
        WebElement form = until(d, x -> x.findElement(testId("segment-form")));
        form.findElement(testId("segment-title-input")).sendKeys(title);
        new Select(form.findElement(testId("segment-kind-input"))).selectByValue("discussion");
        WebElement min = form.findElement(testId("segment-minutes-input"));
        min.clear();
        min.sendKeys(Integer.toString(minutes));
        form.findElement(testId("segment-save")).click();
        until(d, x -> x.findElements(testId("segment-form")).isEmpty());
    }

    private static long top(WebDriver d, String testid) {
        return number(d, "return Math.round(document.querySelector('[data-testid=" + testid + "]').getBoundingClientRect().top + window.scrollY)");
    }

    private static long number(WebDriver d, String script) {
        return ((Number) js(d, script)).longValue();
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    private static void shoot(WebDriver d, String name) {
        new BoardPage(d).screenshot(SCREENSHOTS.resolve(name));
    }
}
