package dev.cairn.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.commitment.CommitmentModule;
import dev.cairn.decision.DecisionModule;
import dev.cairn.decision.Proposal;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.queue.QueueModule;
import dev.cairn.protocol.Wire;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cairn.browser.BoardPage.testId;
import static dev.cairn.support.MeetingScript.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11's matrix line "injection payloads in every field of every feature rendered inert in
 * headless Chromium and in every export". Every free-text field a member can fill (room title,
 * display names, the purpose draft, ratings' comments, targets, agenda segments and proposed ones,
 * guests in the queue, proposals, options, objections, amendments, acknowledgements, needs,
 * commitments and their parties, notes and review notes, check-in question and word, the passcode)
 * gets script, markup, template, link and bidi payloads over the real protocol. Then a facilitator
 * and a participant look at every panel, folded part and dialog of the board, the landing page,
 * the join card and the printable record: no payload ran ({@code window.__pwned} stays undefined),
 * none became an element or a live attribute, each one reads as the text it is, and a text with a
 * direction override is fenced in by its own element. The exports: the JSON round-trips every
 * string exactly; the blocks carry them as plain strings; the Markdown, read back by a CommonMark
 * parser, has no HTML, link or image, and exactly the headings, list items and table rows the
 * writer made (so no name or text opened a block of its own).
 */
class InjectionBrowserTest extends BrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String IMG = "<img src=x onerror=window.__pwned=1>";
    static final String SCRIPT = "<script>window.__pwned=1</script>";
    static final String SVG = "\"><svg onload=window.__pwned=1>";
    static final String JS = "javascript:window.__pwned=1";
    static final String TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
    static final String MD_LINK = "[x](javascript:alert(1))";
    static final String MD_HTML = "<a href=javascript:alert(1)>a</a>";
    static final String LONG = "W".repeat(150);
    static final String RLO = "\u202E";

    static final String TITLE = "Room " + SVG + " " + IMG + " " + MD_LINK;
    static final String ANA = "Ana" + IMG;
    static final String BEN = "Ben" + SVG;
    static final String CAI = "Cai" + SCRIPT;
    static final String DEE = "Dee " + JS;
    static final String EVE = "# Eve | a|b `x` " + MD_LINK;
    static final String HEBREW = "עדי כהן";
    static final String DRAFT = String.join("\n", "Grow food " + SCRIPT, IMG, SVG, JS, TEMPLATE, MD_LINK, MD_HTML,
        "# not a heading", "| a | b |", "```", "    indented", "Reversed: " + RLO + "abc", LONG);
    static final String TARGET_WHAT = "Beds " + IMG + " | " + MD_LINK;
    static final String TARGET_TARGET = SVG + " 12";
    static final String TARGET_BASELINE = SCRIPT;
    static final String TARGET_TRACKER = JS;
    static final String COMMENT = IMG + "\n# not a heading";
    static final String SEGMENT_TITLE = "Welcome " + IMG + " " + MD_LINK;
    static final String SEGMENT_NOTES = SCRIPT + "\n# notes heading\n" + MD_HTML + "\n- item?";
    static final String SEGMENT2_TITLE = SVG + " | budget |";
    static final String SEGMENT3_TITLE = TEMPLATE;
    static final String PROPOSED_TITLE = JS + " " + SCRIPT;
    static final String PROPOSED_NOTES = IMG;
    static final String GUEST = "Gu" + IMG;
    static final String GUEST2 = "Q" + SVG;
    static final String QUESTION = "Buy seeds " + SCRIPT + " " + MD_LINK;
    static final String DETAILS = IMG + "\n" + MD_HTML + "\n- list?\n" + TEMPLATE;
    static final String REASON = SVG + " " + MD_LINK;
    static final String AMENDED = "Amended " + IMG;
    static final String AMENDED_DETAILS = "Now " + SCRIPT;
    static final String CHOICE_QUESTION = "Which " + TEMPLATE;
    static final List<String> OPTIONS = List.of(IMG, SVG, JS, TEMPLATE);
    static final String ACK = "I kept quiet " + IMG + "\n" + MD_LINK + "\n# heading";
    static final String BEN_DRAFT = "Private " + SVG;
    static final String NEED = "Hall " + SCRIPT;
    static final String COMMITMENT = "Talk " + IMG + " " + MD_LINK;
    static final String PARTY = SVG + "x";
    static final String PARTY2 = TEMPLATE;
    static final String BLOCKED = "Blocked by " + IMG + " | " + MD_LINK;
    static final String COMMITMENT2 = JS;
    static final String RELEASED = SCRIPT;
    static final String REVIEW_NOTE = "on track " + SVG;
    static final String CHECKIN_QUESTION = "How " + IMG + " " + TEMPLATE;
    static final String WORD = "w" + SVG;
    static final String PASSCODE = SCRIPT;

    /**
     * Looks through the whole document: a payload that ran, an element one made ({@code img[src=x]},
     * an inline script that mentions it), any element with an event-handler attribute (the board
     * itself sets none: its listeners are added in script) or a javascript: address.
     */
    private static final String AUDIT = """
        const found = [];
        if (window.__pwned !== undefined) found.push('window.__pwned = ' + window.__pwned);
        const all = [document.documentElement, ...document.querySelectorAll('*')];
        for (const el of all) {
          for (const a of el.attributes) {
            if (/^on/i.test(a.name)) found.push(el.tagName + ' has ' + a.name + '=' + a.value);
            if (/^(href|src|action|formaction|xlink:href|srcdoc|data)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value)) {
              found.push(el.tagName + ' ' + a.name + '=' + a.value);
            }
          }
          if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('img[src=x]');
          if (el.tagName === 'SCRIPT' && el.textContent.includes('__pwned')) found.push('an inline script with the payload');
        }
        return found;
        """;

    /**
     * Every text node holding a direction override or right-to-left letters, and the text of the element that fences it in
     * (the nearest element that is not inline, or isolates: unicode-bidi isolate or plaintext).
     * Only that text may share the override's paragraph.
     */
    private static final String BIDI = """
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!/[\\u202A-\\u202E\\u2066-\\u2069\\u0590-\\u05FF]/.test(n.data)) continue;
          let el = n.parentElement;
          while (el && el !== document.body) {
            const style = getComputedStyle(el);
            if (!style.display.startsWith('inline') || style.display === 'inline-block'
                || /isolate|plaintext/.test(style.unicodeBidi) || el.tagName === 'TEXTAREA') break;
            el = el.parentElement;
          }
          out.push([n.data, el.tagName === 'TEXTAREA' ? el.value : el.textContent]);
        }
        return out;
        """;

    /**
     * What members typed that spills out of its panel: every visible element of a board panel (or
     * the member list) holding payload text whose right edge passes the panel's, unless an
     * ancestor inside the panel clips it.
     */
    private static final String SPILLS = """
        const out = [];
        for (const panel of document.querySelectorAll('section.panel, #members-panel')) {
          const edge = panel.getBoundingClientRect().right + 1;
          for (const el of panel.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (!r.width || r.right <= edge || !/__pwned|javascript:|WWWWWWWWWW/.test(el.textContent)) continue;
            let clipped = false;
            for (let p = el.parentElement; p && p !== panel; p = p.parentElement) {
              if (getComputedStyle(p).overflowX !== 'visible' && p.getBoundingClientRect().right <= edge) { clipped = true; break; }
            }
            if (!clipped) out.push(panel.id + ' > ' + el.tagName.toLowerCase() + '.' + el.className + ' [' + el.textContent.slice(0, 60) + '] by ' + Math.round(r.right - edge) + 'px');
          }
        }
        return out.slice(0, 15);
        """;

    private final List<BoardClient> boards = new ArrayList<>();

    @AfterEach
    void closeBoards() {
        for (BoardClient b : boards) b.close();
    }

    @Test
    void everyFieldOfEveryFeatureStaysTextOnTheBoardTheRecordPageAndInEveryExport() throws Exception {
        // Ana creates the room on the landing page, Ben joins by its link in a browser of his own.
        BoardPage anaPage = new BoardPage(browsers.desktop());
        BoardPage.CreatedRoom created = anaPage.createRoom(node.url(), TITLE, ANA);
        WebDriver ana = anaPage.driver();
        inert(ana, "the landing page after creating the room");
        shows(ana, "the landing page after creating the room", TITLE);
        anaPage.openBoard();
        String roomId = ana.getCurrentUrl().replaceAll("^.*/r/([^/?#]+).*$", "$1");
        String anaToken = token(ana, roomId);
        BoardPage benPage = new BoardPage(browsers.desktop());
        WebDriver ben = benPage.driver();
        ben.get(created.roomLink());
        until(ben, d -> d.findElement(testId("join-room-title")).getText().contains("svg"));
        inert(ben, "the join card");
        shows(ben, "the join card", TITLE);
        benPage.join(created.roomLink(), BEN);
        String benToken = token(ben, roomId);

        // Others join by HTTP; a name with a direction override is refused.
        Api.Reply cai = Api.join(node.port(), roomId, CAI);
        Api.Reply dee = Api.join(node.port(), roomId, DEE);
        Api.join(node.port(), roomId, EVE);
        Api.join(node.port(), roomId, HEBREW);
        Api.Reply reversed = Api.post(node.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Mallory" + RLO));
        assertEquals(400, reversed.status(), "a name with a direction override is refused: " + reversed);

        BoardClient a = board(anaToken);
        BoardClient b = board(benToken);
        BoardClient c = board(cai.text("token"));
        BoardClient d = board(dee.text("token"));
        String benId = b.room().members().values().stream().filter(m -> m.name().equals(BEN)).findFirst().orElseThrow().id();
        fill(a, b, c, d, benId);

        long seq = a.room().seq();
        for (WebDriver driver : List.of(ana, ben)) {
            until(driver, x -> ((Number) js(x, "return window.cairn?.store.getState().room?.seq ?? 0")).longValue() >= seq);
        }

        // The board, as the facilitator and as the participant, with everything unfolded.
        lookAtTheBoard(ana, "Ana's board", true);
        lookAtTheBoard(ben, "Ben's board", false);

        // The printable record of the meeting under way, and of the whole room.
        String meetingId = MeetingModule.current(a.room()).id();
        for (WebDriver driver : List.of(ana, ben)) {
            String who = driver == ana ? "Ana" : "Ben";
            for (String span : List.of("&meeting=" + meetingId, "&span=room")) {
                driver.get(node.url() + "/record.html?room=" + roomId + span);
                until(driver, x -> "ready".equals(x.findElement(testId("record")).getDomAttribute("data-state")));
                String where = who + "'s record page (" + span + ")";
                inert(driver, where);
                shows(driver, where, TITLE, ANA, BEN, CAI, SEGMENT_TITLE, SEGMENT2_TITLE, TARGET_WHAT, QUESTION, REASON,
                    COMMITMENT, BLOCKED, CHECKIN_QUESTION, "Grow food " + SCRIPT, LONG);
                Object elements = js(driver, "return document.querySelectorAll("
                    + "'#record script, #record a, #record img, #record svg, #record code, #record iframe, #record h1 h1').length");
                assertEquals(0L, elements, where + ": nothing typed became an element");
                bidiFenced(driver, where);
                if (driver == ana && span.startsWith("&meeting")) fullPage(ana, SCREENSHOTS.resolve("injection-record.png"));
            }
        }

        // The landing page lists the room by its title.
        ana.get(node.url());
        until(ana, x -> !x.findElements(By.cssSelector(".recent-title")).isEmpty());
        inert(ana, "the landing page's recent rooms");
        shows(ana, "the landing page's recent rooms", TITLE);

        exports(roomId, meetingId, anaToken);
        exports(roomId, null, anaToken);
    }

    /** Every field, filled with payloads through the protocol, by Ana (facilitator), Ben, Cai and Dee. */
    private void fill(BoardClient a, BoardClient b, BoardClient c, BoardClient d, String benId) {
        // The agenda, a proposed segment, and a meeting under way.
        ok(a.command("meeting.segment_add", Map.of("title", SEGMENT_TITLE, "kind", "check_in", "minutes", 5,
            "notes", SEGMENT_NOTES, "ownerId", benId)));
        ok(a.command("meeting.segment_add", Map.of("title", SEGMENT2_TITLE, "kind", "commitments_review", "minutes", 10)));
        ok(a.command("meeting.segment_add", Map.of("title", SEGMENT3_TITLE, "minutes", 5)));
        ok(b.command("meeting.propose", Map.of("title", PROPOSED_TITLE, "minutes", 5, "notes", PROPOSED_NOTES)));
        ok(a.command("meeting.start", Map.of("agenda", true)));

        // The purpose: a draft, ratings with comments, a target, an adoption, a proposal to adopt.
        ok(b.command("purpose.edit", Map.of("seq", b.room().seq(), "op", TextOp.insertAt(0, DRAFT).toWire())));
        a.awaitSeq(b.room().seq());
        ok(c.command("purpose.rate", Map.of("inspiring", 4, "valuable", 3, "measurable", 2,
            "comments", Map.of("inspiring", COMMENT, "valuable", TEMPLATE, "measurable", MD_HTML))));
        ok(a.command("purpose.target_add", Map.of("what", TARGET_WHAT, "target", TARGET_TARGET, "baseline", TARGET_BASELINE,
            "due", "2027-06-30", "tracker", TARGET_TRACKER)));
        ok(a.command("purpose.adopt", Map.of("rev", PurposeModule.of(a.room()).rev())));
        ok(c.command("decision.propose_adoption", Map.of("rev", PurposeModule.of(a.room()).rev(), "details", DETAILS)));

        // The floor: a guest speaks, Cai has the floor now, another guest waits.
        ok(a.command("queue.add", Map.of("name", GUEST)));
        ok(a.command("queue.next", new HashMap<>()));
        ok(a.command("queue.end_turn", Map.of("turnId", QueueModule.of(a.room()).current().turnId())));
        ok(a.command("queue.add", Map.of("name", HEBREW)));
        ok(a.command("queue.next", new HashMap<>()));
        ok(a.command("queue.end_turn", Map.of("turnId", QueueModule.of(a.room()).current().turnId())));
        ok(c.command("queue.raise", Map.of()));
        a.awaitSeq(c.room().seq());
        ok(a.command("queue.add", Map.of("name", GUEST2)));
        ok(a.command("queue.next", new HashMap<>()));

        // Decisions: a consent vote with an objection, closed, then amended; a choice among payloads.
        ok(a.command("decision.propose", Map.of("question", QUESTION, "details", DETAILS, "method", "consent")));
        String consent = lastProposal(a);
        ok(b.command("decision.vote", Map.of("proposalId", consent, "position", "consent")));
        ok(c.command("decision.vote", Map.of("proposalId", consent, "position", "object", "reason", REASON)));
        ok(a.command("decision.close", Map.of("proposalId", consent)));
        ok(a.command("decision.amend", Map.of("proposalId", consent, "question", AMENDED, "details", AMENDED_DETAILS)));
        ok(a.command("decision.propose", Map.of("question", CHOICE_QUESTION, "method", "choice", "options", OPTIONS)));
        String choice = lastProposal(a);
        ok(b.command("decision.vote", Map.of("proposalId", choice, "options", List.of("o1"))));
        ok(c.command("decision.vote", Map.of("proposalId", choice, "options", List.of("o4"))));
        ok(a.command("decision.close", Map.of("proposalId", choice)));
        // Ranked, with a right-to-left option: 2 of 4 first choices is no majority, so a second round is
        // needed and every round is shown, each count beside its option's label.
        ok(a.command("decision.propose", Map.of("question", "Rank " + TEMPLATE, "method", "ranked", "options", List.of(HEBREW, IMG, "Third"))));
        String ranked = lastProposal(a);
        ok(a.command("decision.vote", Map.of("proposalId", ranked, "ranking", List.of("o1"))));
        ok(b.command("decision.vote", Map.of("proposalId", ranked, "ranking", List.of("o2", "o1"))));
        ok(c.command("decision.vote", Map.of("proposalId", ranked, "ranking", List.of("o3", "o1"))));
        ok(d.command("decision.vote", Map.of("proposalId", ranked, "ranking", List.of("o1"))));
        ok(a.command("decision.close", Map.of("proposalId", ranked)));

        // Acknowledgements: Cai's shared, Ben's private draft.
        long ack = ok(c.command("acknowledgement.draft", Map.of("text", ACK)));
        ok(c.command("acknowledgement.share", Map.of("acknowledgementId", "a" + ack)));
        ok(b.command("acknowledgement.draft", Map.of("text", BEN_DRAFT)));

        // Needs and commitments: parties by name, a blocked one, a released one, a hand-over waiting, a review.
        ok(c.command("commitment.post_need", Map.of("what", NEED)));
        long made = ok(c.command("commitment.make", Map.of("what", COMMITMENT,
            "forWhom", List.of(Map.of("name", PARTY), Map.of("memberId", benId)),
            "withWhom", List.of(Map.of("name", PARTY2)), "due", "2027-03-01")));
        String commitmentId = "c" + made;
        a.awaitSeq(c.room().seq());
        String targetId = PurposeModule.of(a.room()).targets().get(0).id();
        ok(c.command("commitment.plan", Map.of("commitmentId", commitmentId, "checkIn", "2027-02-15", "targetId", targetId)));
        ok(c.command("commitment.set_status", Map.of("commitmentId", commitmentId, "status", "blocked", "note", BLOCKED)));
        long made2 = ok(d.command("commitment.make", Map.of("what", COMMITMENT2, "due", "2027-04-01")));
        ok(d.command("commitment.set_status", Map.of("commitmentId", "c" + made2, "status", "released", "note", RELEASED)));
        a.awaitSeq(d.room().seq());
        ok(a.command("meeting.next", Map.of()));
        ok(a.command("commitment.review_start", Map.of()));
        ok(c.command("commitment.review_step", Map.of("commitmentId", commitmentId, "outcome", "reviewed", "note", REVIEW_NOTE)));
        ok(c.command("commitment.hand_over", Map.of("commitmentId", commitmentId, "toMemberId", benId)));
        assertEquals(1, CommitmentModule.of(c.room()).commitments().stream().filter(x -> x.handover() != null).count());

        // A check-in with a word, closed so the word shows.
        long opened = ok(a.command("checkin.open", Map.of("question", CHECKIN_QUESTION)));
        ok(c.command("checkin.answer", Map.of("checkinId", "c" + opened, "value", 3, "word", WORD)));
        ok(b.command("checkin.answer", Map.of("checkinId", "c" + opened, "value", 4)));
        ok(a.command("checkin.close", Map.of("checkinId", "c" + opened)));

        // The passcode last: the others joined without one.
        ok(a.command("access.passcode", Map.of("passcode", PASSCODE)));
        a.awaitSeq(Math.max(b.room().seq(), Math.max(c.room().seq(), d.room().seq())));
    }

    /** Unfolds every part of the board, then checks it, its member list, history dialog and invite dialog. */
    private void lookAtTheBoard(WebDriver driver, String who, boolean facilitator) throws IOException {
        unfold(driver);
        inert(driver, who);
        List<String> expected = new ArrayList<>(List.of(TITLE, ANA, BEN, CAI, DEE, EVE, HEBREW, TARGET_WHAT, TARGET_TARGET,
            TARGET_BASELINE, TARGET_TRACKER, SEGMENT_TITLE, SEGMENT2_TITLE, SEGMENT3_TITLE, PROPOSED_TITLE, GUEST2, AMENDED,
            AMENDED_DETAILS, QUESTION, REASON, CHOICE_QUESTION, ACK.split("\n")[0], MD_LINK, NEED, COMMITMENT, PARTY, PARTY2,
            BLOCKED, COMMITMENT2, RELEASED, REVIEW_NOTE, CHECKIN_QUESTION, WORD, TEMPLATE, MD_HTML, LONG, "Grow food " + SCRIPT));
        expected.addAll(OPTIONS);
        if (!facilitator) expected.add(BEN_DRAFT);
        shows(driver, who, expected.toArray(String[]::new));
        assertEquals(DRAFT, js(driver, "return document.querySelector('[data-testid=purpose-draft]').value"),
            who + ": the draft box holds the draft exactly");
        bidiFenced(driver, who);
        @SuppressWarnings("unchecked")
        List<String> spills = (List<String>) js(driver, SPILLS);
        assertEquals(List.of(), spills, who + ": long texts stay inside their panels");
        if (facilitator) {
            fullPage(driver, SCREENSHOTS.resolve("injection-board.png"));
            new BoardPage(driver).screenshot(SCREENSHOTS.resolve("injection-board-window.png"));
            for (String part : List.of("queue-balance", "decision-log", "commitments", "checkin", "agenda")) {
                js(driver, "arguments[0].scrollIntoView({block: 'start'})", driver.findElement(testId(part)));
                new BoardPage(driver).screenshot(SCREENSHOTS.resolve("injection-" + part + ".png"));
            }
        }

        // The purpose's history.
        click(driver, "purpose-history-open");
        try {
            until(driver, x -> x.findElement(testId("history-dialog")).isDisplayed()
                && !x.findElements(testId("history-group")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            fail(who + ": the history dialog did not show its revisions: " + js(driver,
                "const d = document.querySelector('[data-testid=history-dialog]'); return d.open + ' ' + d.innerText"));
        }
        js(driver, "document.querySelectorAll('[data-testid=history-group]').forEach((g) => g.click())");
        inert(driver, who + ", history dialog");
        shows(driver, who + ", history dialog", "Grow food " + SCRIPT, IMG, TEMPLATE, LONG);
        bidiFenced(driver, who + ", history dialog");
        click(driver, "history-close");

        // The invite dialog: a facilitator sees the passcode as typed.
        until(driver, x -> !x.findElement(testId("history-dialog")).isDisplayed());
        click(driver, "share-button");
        try {
            until(driver, x -> x.findElement(testId("share-dialog")).isDisplayed()
                && !x.findElements(By.cssSelector("[data-testid=share-dialog] [data-testid=share-room-link]")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            fail(who + ": the invite dialog did not show the links: " + js(driver,
                "const d = document.querySelector('[data-testid=share-dialog]'); return d.open + ' ' + d.innerText"));
        }
        inert(driver, who + ", invite dialog");
        if (facilitator) {
            until(driver, x -> PASSCODE.equals(js(x, "return document.querySelector('[data-testid=share-passcode-input]')?.value")));
        }
        js(driver, "document.querySelector('[data-testid=share-dialog]').close()");

        // Commitments by member and who relies on whom.
        for (String view : List.of("commitments-view-member", "commitments-view-relies")) {
            click(driver, view);
            unfold(driver);
            inert(driver, who + ", " + view);
            shows(driver, who + ", " + view, COMMITMENT, CAI);
        }
        shows(driver, who + ", who relies on whom", PARTY, PARTY2);
        click(driver, "commitments-view-status");
        inert(driver, who + " at the end");
    }

    /** Opens every folded part: details, "Show all" toggles, the member list, speaking-time shares. */
    private static void unfold(WebDriver driver) {
        js(driver, """
            document.querySelectorAll('details').forEach((d) => { d.open = true; });
            for (const id of ['agenda-toggle', 'queue-balance-toggle', 'members-toggle']) {
              const t = document.querySelector(`[data-testid=${id}]`);
              if (t && t.offsetParent !== null && t.getAttribute('aria-expanded') === 'false') t.click();
            }
            """);
    }

    /** Fails if anything in the page ran or became markup. */
    private static void inert(WebDriver driver, String where) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) js(driver, AUDIT);
        if (!found.isEmpty()) fail(where + ": a payload became live: " + String.join("; ", new LinkedHashSet<>(found)));
    }

    /** Fails unless the page shows each text, as typed (folded parts count once unfolded). */
    private static void shows(WebDriver driver, String where, String... texts) {
        String shown = (String) js(driver, "return document.body.innerText");
        List<String> missing = new ArrayList<>();
        for (String t : texts) if (!shown.contains(t)) missing.add(t);
        if (!missing.isEmpty()) fail(where + " does not show, as typed: " + missing);
    }

    /** Fails if a direction override shares its paragraph with any text it was not typed with. */
    private static void bidiFenced(WebDriver driver, String where) {
        @SuppressWarnings("unchecked")
        List<List<String>> found = (List<List<String>>) js(driver, BIDI);
        for (List<String> pair : found) {
            String own = pair.get(0).strip();
            String fence = pair.get(1).strip();
            // A right-to-left name takes the number after it into its own run ("0:00 עדי" for "עדי 0:00") unless fenced in.
            boolean rtl = own.chars().anyMatch(ch -> ch >= 0x0590 && ch <= 0x05FF);
            assertTrue(rtl ? !fence.matches("(?s).*[\u0590-\u05FF][^\\p{L}\\d]*\\d.*") : DRAFT.contains(fence) || own.equals(fence),
                where + ": right-to-left text or a direction override (" + own + ") shares its paragraph with: " + fence);
        }
    }

    /** The three exports of one meeting ({@code meetingId}) or of the whole room (null). */
    private void exports(String roomId, String meetingId, String token) throws Exception {
        String query = meetingId == null ? "" : "?meeting=" + meetingId;
        String base = "/api/rooms/" + roomId + "/record";
        String json = get(base + query, token);
        JsonNode record = Wire.MAPPER.readTree(json);
        Set<String> strings = new LinkedHashSet<>();
        collect(record, strings);
        for (String exact : List.of(TITLE, ANA, BEN, CAI, SEGMENT_TITLE, SEGMENT2_TITLE, TARGET_WHAT, TARGET_TARGET, DRAFT,
            QUESTION, REASON, ACK, COMMITMENT, CHECKIN_QUESTION, GUEST, NEED, BLOCKED, DETAILS)) {
            assertTrue(strings.contains(exact), "the JSON record keeps, exactly: " + exact);
        }
        assertEquals(record, Wire.MAPPER.readTree(Wire.MAPPER.writeValueAsString(record)), "the JSON round-trips");

        JsonNode blocks = Wire.MAPPER.readTree(get(base + "/blocks" + query, token));
        Set<String> blockTexts = new LinkedHashSet<>();
        collect(blocks, blockTexts);
        String allBlocks = String.join("\n", blockTexts);
        for (String fragment : List.of(TITLE, ANA, CAI, SEGMENT_TITLE, TARGET_WHAT, QUESTION, REASON, COMMITMENT, BLOCKED,
            CHECKIN_QUESTION, GUEST, LONG, RLO + "abc")) {
            assertTrue(allBlocks.contains(fragment), "the blocks carry as plain text: " + fragment);
        }

        String md = get(base + ".md" + query, token);
        markdownIsInert(md, blocks, meetingId == null ? "room" : "meeting");
    }

    /**
     * The Markdown, parsed as CommonMark with GitHub's tables: no HTML, link or image anywhere, no
     * javascript: address left for a renderer to link, and exactly the blocks the writer made: one
     * top heading, a heading per section and per heading block, a list item per item, a table row
     * per row (plus the header), every row with its own number of cells.
     */
    private static void markdownIsInert(String md, JsonNode blocks, String span) {
        assertTrue(!md.contains("<"), span + " Markdown has no raw tag: " + md);
        Node doc = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(md);
        List<String> problems = new ArrayList<>();
        int[] headings = {0};
        int[] items = {0};
        int[] rows = {0};
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings[0]++;
                visitChildren(heading);
            }

            @Override
            public void visit(org.commonmark.node.HtmlInline html) {
                problems.add("inline HTML " + html.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.HtmlBlock html) {
                problems.add("an HTML block " + html.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Link link) {
                problems.add("a link to " + link.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.Image image) {
                problems.add("an image of " + image.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                problems.add("code " + code.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.FencedCodeBlock code) {
                problems.add("a code block " + code.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.IndentedCodeBlock code) {
                problems.add("an indented code block " + code.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.BlockQuote quote) {
                problems.add("a quote");
                visitChildren(quote);
            }

            @Override
            public void visit(org.commonmark.node.ThematicBreak rule) {
                problems.add("a rule");
            }

            @Override
            public void visit(org.commonmark.node.ListItem item) {
                items[0]++;
                visitChildren(item);
            }

            @Override
            public void visit(OrderedList list) {
                problems.add("a numbered list");
                visitChildren(list);
            }

            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                if (block instanceof TableBlock) {
                    for (Node section = block.getFirstChild(); section != null; section = section.getNext()) {
                        for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                            if (row instanceof TableRow) rows[0]++;
                        }
                    }
                }
                visitChildren(block);
            }

            @Override
            public void visit(Text text) {
                if (text.getLiteral().toLowerCase(java.util.Locale.ROOT).matches("(?s).*(https?://|www\\.).*")) {
                    problems.add("a bare address a renderer would link: " + text.getLiteral());
                }
            }

            @Override
            public void visit(BulletList list) {
                visitChildren(list);
            }
        });
        int wantHeadings = 1;
        int wantItems = 0;
        int wantRows = 0;
        for (JsonNode section : blocks.path("sections")) {
            wantHeadings++;
            for (JsonNode block : section.path("blocks")) {
                switch (block.path("type").asText()) {
                    case "heading" -> wantHeadings++;
                    case "list" -> wantItems += block.path("items").size();
                    case "table" -> wantRows += 1 + block.path("rows").size();
                    default -> {
                    }
                }
            }
        }
        assertEquals(List.of(), problems, span + " Markdown: nothing typed became markup\n" + md);
        assertEquals(wantHeadings, headings[0], span + " Markdown: the writer's headings and no other\n" + md);
        assertEquals(wantItems, items[0], span + " Markdown: the writer's list items and no other\n" + md);
        assertEquals(wantRows, rows[0], span + " Markdown: the writer's table rows and no other\n" + md);
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isTextual()) into.add(node.asText());
        node.forEach(child -> collect(child, into));
    }

    private String get(String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
            .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private BoardClient board(String token) {
        BoardClient client = BoardClient.connect(node.port(), token);
        boards.add(client);
        return client;
    }

    private static String lastProposal(BoardClient board) {
        List<Proposal> open = DecisionModule.of(board.room()).proposals();
        return open.get(open.size() - 1).id();
    }

    private static String token(WebDriver driver, String roomId) {
        return (String) js(driver, "return JSON.parse(localStorage.getItem('cairn.member.' + arguments[0])).token", roomId);
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void click(WebDriver driver, String testid) {
        until(driver, x -> {
            WebElement el = x.findElement(testId(testid));
            if (!el.isDisplayed() || !el.isEnabled()) return null;
            js(x, "arguments[0].scrollIntoView({block: 'center'})", el);
            el.click();
            return true;
        });
    }

    /** The whole page, not only the window, as Chromium renders it now. */
    private static void fullPage(WebDriver driver, Path file) throws IOException {
        ChromeDriver chrome = (ChromeDriver) driver;
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
            "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
