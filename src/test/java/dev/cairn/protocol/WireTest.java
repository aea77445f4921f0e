package dev.cairn.protocol;

import dev.cairn.room.MembershipEvent;
import dev.cairn.room.MembershipModule;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.Role;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format round-trips, and the protocol reference names every message there is. */
class WireTest {

    @Test
    void eventFramesRoundTripWithTheirTypeTag() {
        Sequenced event = new Sequenced(7, 123, "ana", new MembershipEvent.MemberJoined("ben", "Ben", "participant"));
        String json = Wire.encode(event);
        assertTrue(json.startsWith("{\"type\":\"event\",\"seq\":7"), json);
        assertTrue(json.contains("\"event\":{\"type\":\"member.joined\""), json);
        assertEquals(event, Wire.decodeEvent(Wire.tree(json)));
    }

    @Test
    void snapshotsRoundTrip() {
        RoomState state = new RoomState("r", 4, "Title", 99, Map.of("ana", new Member("ana", "Ana", Role.OBSERVER, 5)),
            Map.of("purpose", dev.cairn.purpose.PurposeState.empty()));
        String json = Wire.encode(state);
        assertTrue(json.contains("\"role\":\"observer\""), json);
        assertEquals(state, Wire.decodeState(json));
    }

    /**
     * Only the modules that ship are documented: membership and those the main services file lists,
     * not test-only modules that tests register beside them.
     */
    @Test
    void protocolReferenceDocumentsEveryMessageAndErrorCode() throws IOException {
        String doc = Files.readString(Path.of("docs/protocol.md"));
        List<String> builtIn = Files.readAllLines(Path.of("src/main/resources/META-INF/services/dev.cairn.room.Module"))
            .stream().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        List<String> names = new ArrayList<>();
        for (Module<?> module : Modules.ALL) {
            if (module != MembershipModule.INSTANCE && !builtIn.contains(module.getClass().getName())) continue;
            names.addAll(module.events().keySet());
            names.addAll(module.commands().keySet());
        }
        names.addAll(Catalogue.SERVER_FRAMES);
        names.addAll(Catalogue.SESSION_FRAMES);
        names.addAll(Catalogue.ERROR_CODES);
        for (String name : names) assertTrue(doc.contains("`" + name + "`"), "docs/protocol.md lacks `" + name + "`");
        for (int code : Catalogue.CLOSE_CODES) assertTrue(doc.contains("`" + code + "`"), "docs/protocol.md lacks close code " + code);
    }
}
