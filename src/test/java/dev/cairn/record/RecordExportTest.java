package dev.cairn.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.MeetingScript;
import dev.cairn.support.MeetingScript.Held;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meeting record exported from a real node on a real Redis, after three members held a
 * meeting through real WebSocket boards: purpose edits and an adoption, an agenda run segment by
 * segment, turns on the floor, a named and an anonymous vote, attendance from who was online.
 * The Markdown and the JSON hold what happened; what members typed to break out of the text
 * (`<script>`, `](javascript:…)`, backticks, pipes) comes out escaped; the JSON validates against
 * docs/record.schema.json; the record is whole even after 2,000 more events (more than the live
 * room keeps); and only a current member of the room may read it.
 */
class RecordExportTest {
    static final String SCRIPT = MeetingScript.SCRIPT;
    static final String LINK = MeetingScript.LINK;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CairnNode node;
    private final List<BoardClient> boards = new ArrayList<>();

    @BeforeEach
    void start() {
        // Filling the archive past the replay window takes more commands than one member may send a second.
        node = TestNodes.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "100000", "CAIRN_LIMITS_COMMAND_BURST", "100000"));
    }

    @AfterEach
    void stop() {
        for (BoardClient b : boards) b.close();
        TestNodes.stopQuietly(node);
    }

    private Held holdMeeting(int port) {
        Api.Reply created = Api.createRoom(port, "Garden club | " + SCRIPT, "Ana");
        return MeetingScript.hold(port, created.text("roomId"), created.text("token"), boards::add);
    }

    @Test
    void theRecordOfAMeetingHoldsWhatHappenedInMarkdownAndJsonWithEveryTypedTextInert() throws Exception {
        Held held = holdMeeting(node.port());
        Reply json = get("/api/rooms/" + held.roomId() + "/record?meeting=" + held.meetingId(), held.benToken());
        assertEquals(200, json.status(), json.body());
        JsonNode record = Wire.tree(json.body());
        assertValid(record);
        assertEquals("meeting", record.path("span").asText());
        assertEquals(held.meetingId(), record.path("meeting").path("id").asText());
        assertTrue(record.path("meeting").path("endedAt").isNumber());

        JsonNode sections = record.path("sections");
        assertEquals("Grow food for 50 families " + SCRIPT, sections.path("purpose").path("adopted").path("text").asText(),
            "JSON keeps the text as typed: escaping is the Markdown's job");
        assertEquals("Beds `planted` | ready", sections.path("purpose").path("targets").get(0).path("what").asText());
        assertEquals(1, sections.path("purpose").path("adoptions").size());

        JsonNode meeting = sections.path("meeting").path("meetings").get(0);
        List<String> statuses = new ArrayList<>();
        meeting.path("agenda").forEach(i -> statuses.add(i.path("status").asText()));
        assertEquals(List.of("done", "done", "not_reached"), statuses, meeting.toString());
        assertEquals(5, meeting.path("agenda").get(0).path("plannedMinutes").asInt());
        assertEquals(3, meeting.path("attendance").size(), meeting.toString());

        JsonNode floor = sections.path("queue").path("meetings").get(0);
        assertEquals(held.meetingId(), floor.path("meetingId").asText());
        assertEquals(2, floor.path("turns").asInt());
        assertEquals(2, floor.path("speakers").size());

        JsonNode decisions = sections.path("decision").path("decisions");
        assertEquals(3, decisions.size(), "the facilitator's adoption, the named vote, the anonymous vote: " + decisions);
        JsonNode consent = decisions.get(1);
        assertEquals("not_carried", consent.path("outcome").asText());
        assertEquals(3, consent.path("ballots").size());
        JsonNode anonymous = decisions.get(2);
        assertTrue(anonymous.path("anonymous").asBoolean());
        assertEquals(0, anonymous.path("ballots").size(), "an anonymous vote never says who chose what");
        assertEquals(Map.of("yes", 2, "no", 1), counts(anonymous));
        assertFalse(anonymous.toString().contains(held.benId()), "no member id anywhere near an anonymous tally");

        Reply md = get("/api/rooms/" + held.roomId() + "/record.md?meeting=" + held.meetingId(), held.benToken());
        assertEquals(200, md.status());
        assertEquals("text/markdown; charset=utf-8", md.header("content-type"));
        assertEquals("attachment; filename=\"record-garden-club-script-alert-1-script-meeting-1.md\"", md.header("content-disposition"));
        String text = md.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "record-export-sample.md"), text);
        String script = "&lt;script&gt;alert\\(1\\)&lt;/script&gt;";
        String link = "\\]\\(javascript:alert\\(1\\)\\)";
        assertTrue(text.startsWith("# Meeting record: Garden club \\| " + script + "\n"), text);
        assertTrue(text.contains("\n## Purpose\n"), text);
        assertTrue(text.contains("\nGrow food for 50 families " + script + "\n"), text);
        assertTrue(text.contains("| Beds \\`planted\\` \\| ready | 0 | 12 | 2027-06-30 | Cai |"), text);
        assertTrue(text.contains("| Welcome " + script + " | done | 5 min |"), text);
        assertTrue(text.contains("| Budget " + link + " | done | 10 min |"), text);
        assertTrue(text.contains("| Wrap-up | not reached | 5 min |  |  |"), text);
        assertTrue(text.contains("| Ben " + script + " |"), text);
        assertTrue(text.contains("| Cai \\`tick\\` " + link + " |"), text);
        assertTrue(text.contains("### Buy seeds \\`now\\` \\| " + link + "\n"), text);
        assertTrue(text.contains("- Objection by Cai \\`tick\\` " + link + ": Not before " + link), text);
        assertTrue(text.contains("| yes | 2 |") && text.contains("| no | 1 |"), text);
        assertTrue(text.contains("Balance: "), text);
        for (String raw : List.of("<script", "](javascript", "`tick`", "planted` |")) {
            assertFalse(text.contains(raw), "nothing typed is left as markup: " + raw);
        }

        Reply blocks = get("/api/rooms/" + held.roomId() + "/record/blocks?meeting=" + held.meetingId(), held.benToken());
        assertEquals(200, blocks.status());
        JsonNode page = Wire.tree(blocks.body());
        assertEquals("Purpose", page.path("sections").get(0).path("title").asText());
        assertEquals("heading", page.path("sections").get(0).path("blocks").get(0).path("type").asText());
        assertEquals(1, page.path("meetings").size());
    }

    @Test
    void thePastMeetingsRecordIsWholeAfterMoreEventsThanTheLiveRoomKeeps() throws Exception {
        Held held = holdMeeting(node.port());
        String path = "/api/rooms/" + held.roomId() + "/record?meeting=" + held.meetingId();
        Reply before = get(path, held.anaToken());
        assertEquals(200, before.status());

        // 2,100 more events (the purpose locked and unlocked), sent without waiting, then the last one awaited.
        BoardClient ana = held.ana();
        for (int chunk = 0; chunk < 7; chunk++) {
            String last = null;
            for (int i = 0; i < 300; i++) {
                last = ana.nextId();
                ana.send(last, "purpose.lock", Map.of("locked", i % 2 == 0));
            }
            ok(ana.awaitReply(last));
        }
        long seq = ana.room().seq();
        assertTrue(seq - Wire.tree(before.body()).path("meeting").path("endSeq").asLong() > 2000);
        // And a second meeting with a decision of its own.
        ok(ana.command("meeting.start", Map.of()));
        String second = dev.cairn.meeting.MeetingModule.current(ana.room()).id();
        ok(ana.command("decision.propose", Map.of("question", "Meet again in May?", "method", "yes_no")));
        var open = dev.cairn.decision.DecisionModule.of(ana.room()).proposals();
        String proposal = open.get(open.size() - 1).id();
        ok(ana.command("decision.vote", Map.of("proposalId", proposal, "position", "yes")));
        ok(ana.command("decision.close", Map.of("proposalId", proposal)));
        ok(ana.command("meeting.end", Map.of()));

        Reply after = get(path, held.anaToken());
        assertEquals(200, after.status());
        JsonNode a = Wire.tree(after.body());
        JsonNode b = Wire.tree(before.body());
        assertValid(a);
        assertEquals(b.path("sections"), a.path("sections"), "the same record, event for event");
        assertEquals(b.path("meeting"), a.path("meeting"));

        Reply room = get("/api/rooms/" + held.roomId() + "/record", held.anaToken());
        assertEquals(200, room.status());
        JsonNode whole = Wire.tree(room.body());
        assertValid(whole);
        assertEquals("room", whole.path("span").asText());
        assertTrue(whole.path("meeting").isNull());
        assertEquals(2, whole.path("meetings").size());
        assertEquals(4, whole.path("sections").path("decision").path("decisions").size());
        assertEquals(2, whole.path("sections").path("meeting").path("meetings").size());

        Reply next = get("/api/rooms/" + held.roomId() + "/record?meeting=" + second, held.anaToken());
        JsonNode n = Wire.tree(next.body());
        assertValid(n);
        assertEquals(2, n.path("meeting").path("number").asInt());
        JsonNode decided = n.path("sections").path("decision").path("decisions");
        assertEquals(1, decided.size(), "a meeting's record holds its own decisions only: " + decided);
        assertEquals("Meet again in May?", decided.get(0).path("question").asText());
        assertEquals(0, n.path("sections").path("purpose").path("adoptions").size());
        assertEquals(1, n.path("sections").path("purpose").path("adopted").path("rev").asInt(),
            "the adopted purpose as it stood at the meeting's end");
    }

    @Test
    void onlyACurrentMemberOfTheRoomMayReadItsRecord() {
        Held held = holdMeeting(node.port());
        String path = "/api/rooms/" + held.roomId() + "/record";
        assertEquals(401, get(path, null).status(), "no token");
        assertEquals(401, get(path, "not-a-token").status(), "a token that does not verify");
        Api.Reply other = Api.createRoom(node.port(), "Another room", "Dee");
        Reply foreign = get(path, other.text("token"));
        assertEquals(401, foreign.status(), "a member of another room");
        assertEquals("unauthorized", Wire.tree(foreign.body()).path("code").asText());
        assertEquals(401, get(path + ".md", other.text("token")).status());

        ok(held.ana().command("member.remove", Map.of("memberId", held.caiId())));
        Reply removed = get(path, held.caiToken());
        assertEquals(403, removed.status(), removed.body());
        assertEquals("forbidden", Wire.tree(removed.body()).path("code").asText());
        assertEquals(403, get(path + ".md?meeting=" + held.meetingId(), held.caiToken()).status());
        assertEquals(403, get(path + "/blocks", held.caiToken()).status());

        Reply unknown = get(path + "?meeting=m999999", held.benToken());
        assertEquals(404, unknown.status());
        assertEquals("not_found", Wire.tree(unknown.body()).path("code").asText());
        assertEquals(404, get(path + ".md?meeting=%3Cscript%3E", held.benToken()).status());
        assertEquals(200, get(path + ".md", held.benToken()).status(), "Ben is still a member");
    }

    // ---- helpers -------------------------------------------------------------------------------




    private static Map<String, Integer> counts(JsonNode decision) {
        Map<String, Integer> out = new HashMap<>();
        decision.path("counts").forEach(c -> {
            if (c.path("count").asInt() > 0) out.put(c.path("label").asText(), c.path("count").asInt());
        });
        return out;
    }

    static long ok(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asLong();
    }

    static void assertValid(JsonNode record) throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("docs", "record.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(record);
        assertTrue(errors.isEmpty(), "the export follows docs/record.schema.json: " + errors);
        assertNotNull(record.path("generatedAt").numberValue());
    }

    /** A status, the body as text, and the headers. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Reply get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).GET();
        if (token != null) request.header("authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
