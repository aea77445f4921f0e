package dev.cairn.acknowledgement;

import dev.cairn.acknowledgement.AcknowledgementEvent.Edited;
import dev.cairn.acknowledgement.AcknowledgementEvent.Shared;
import dev.cairn.acknowledgement.AcknowledgementEvent.Withdrawn;
import dev.cairn.room.Member;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgements section of a record: those shared within the span and not withdrawn since,
 * with their author and their latest shared text. Drafts never enter it (only shared and public
 * edits are read), nor do withdrawn ones, even when withdrawn after the span.
 */
final class AcknowledgementRecord implements RecordPart {

    /** One shared acknowledgement in the record. */
    record Item(String acknowledgementId, String authorId, String author, String text, long sharedAt) {
    }

    /** The section: the shared acknowledgements, in the order they were shared. */
    record Section(List<Item> acknowledgements) {
    }

    private final Map<String, Item> shared = new LinkedHashMap<>();

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean during) {
        if (event.event() instanceof Shared e && e.acknowledgementId() != null) {
            shared.remove(e.acknowledgementId());
            if (during) shared.put(e.acknowledgementId(), new Item(e.acknowledgementId(), event.by(), name(after, event.by()),
                e.text(), event.at()));
        } else if (event.event() instanceof Edited e && e.shared() && e.acknowledgementId() != null) {
            shared.computeIfPresent(e.acknowledgementId(), (id, item) ->
                new Item(id, item.authorId(), item.author(), e.text(), item.sharedAt()));
        } else if (event.event() instanceof Withdrawn e && e.acknowledgementId() != null) {
            shared.remove(e.acknowledgementId());
        }
    }

    /** An acknowledgement its author withdrew after the meeting leaves that meeting's record too. */
    @Override
    public void afterSpan(Sequenced event, RoomState before, RoomState after) {
        if (event.event() instanceof Withdrawn e && e.acknowledgementId() != null) shared.remove(e.acknowledgementId());
    }

    private static String name(RoomState room, String memberId) {
        Member m = room.member(memberId);
        return m == null ? memberId : m.name();
    }

    @Override
    public Object section(RoomState end) {
        if (shared.isEmpty()) return null;
        List<Item> items = new ArrayList<>();
        for (Item item : shared.values()) {
            Member m = end.member(item.authorId());
            items.add(m == null ? item : new Item(item.acknowledgementId(), item.authorId(), m.name(), item.text(), item.sharedAt()));
        }
        return new Section(items);
    }

    @Override
    public void write(Object section, RecordWriter out) {
        List<List<String>> rows = new ArrayList<>();
        for (Item item : ((Section) section).acknowledgements()) rows.add(List.of(item.author(), item.text()));
        out.table(List.of("Member", "Their part"), rows);
    }
}
