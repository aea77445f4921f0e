package dev.cairn.purpose;

import dev.cairn.room.Context;
import dev.cairn.room.Deadline;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Projection;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Signal;
import dev.cairn.room.Viewer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The purpose feature on the module seam: the co-drafted statement, ratings, targets, adoption, carets. */
public final class PurposeModule implements Module<PurposeState> {
    /** The projection list holding the seq of every purpose edit: entry n is revision n + 1. */
    public static final String REVISIONS = "purpose.revisions";

    private static final PurposeModule INSTANCE = new PurposeModule();

    /** Public for {@link java.util.ServiceLoader}, which lists this module in {@code dev.cairn.room.Modules}. */
    public PurposeModule() {
    }

    /** Where a member's selection is in the draft as of room event {@code seq}. */
    public record Caret(Long seq, Integer anchor, Integer head) implements Signal {
    }

    /**
     * Which item this board has open for editing ({@code item}: {@code target:<id>}), or null when it
     * closed the form: others see "Ben is editing" on that item.
     */
    public record Editing(String item) implements Signal {
    }

    /** A room's purpose. */
    public static PurposeState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "purpose";
    }

    @Override
    public Class<PurposeState> stateType() {
        return PurposeState.class;
    }

    @Override
    public PurposeState initial() {
        return PurposeState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("purpose.edit", PurposeCommand.Edit.class);
        commands.put("purpose.lock", PurposeCommand.Lock.class);
        commands.put("purpose.rate", PurposeCommand.Rate.class);
        commands.put("purpose.target_add", PurposeCommand.AddTarget.class);
        commands.put("purpose.target_update", PurposeCommand.UpdateTarget.class);
        commands.put("purpose.target_move", PurposeCommand.MoveTarget.class);
        commands.put("purpose.target_remove", PurposeCommand.RemoveTarget.class);
        commands.put("purpose.adopt", PurposeCommand.Adopt.class);
        commands.put("purpose.ratings_visibility", PurposeCommand.RatingsVisibility.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("purpose.edited", PurposeEvent.Edited.class);
        events.put("purpose.lock_changed", PurposeEvent.LockChanged.class);
        events.put("purpose.lock_scheduled", PurposeEvent.LockScheduled.class);
        events.put("purpose.rated", PurposeEvent.Rated.class);
        events.put("purpose.target_added", PurposeEvent.TargetAdded.class);
        events.put("purpose.target_updated", PurposeEvent.TargetUpdated.class);
        events.put("purpose.target_moved", PurposeEvent.TargetMoved.class);
        events.put("purpose.target_removed", PurposeEvent.TargetRemoved.class);
        events.put("purpose.adopted", PurposeEvent.Adopted.class);
        events.put("purpose.ratings_visibility_changed", PurposeEvent.RatingsVisibilityChanged.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return PurposeRules.decide(room, actor, ctx, (PurposeCommand) command);
    }

    @Override
    public PurposeState apply(PurposeState part, Sequenced event, RoomState room) {
        return PurposeRules.apply(part, (PurposeEvent) event.event(), event.seq(), event.by(), event.at());
    }

    // ---- the room's clock: a scheduled lock ------------------------------------------------------

    /** The deadline of a scheduled lock. */
    static final String LOCK = "lock";

    @Override
    public List<Deadline> deadlines(PurposeState part) {
        return part.lockAt() == null ? List.of() : List.of(new Deadline(LOCK, part.lockAt()));
    }

    /** The scheduled lock takes effect, once: the first node's commit clears {@code lockAt}. */
    @Override
    public List<RoomEvent> due(RoomState room, PurposeState part, String deadlineId, long now) {
        if (!LOCK.equals(deadlineId) || part.lockAt() == null || now < part.lockAt()) return List.of();
        return List.of(new PurposeEvent.LockChanged(true));
    }

    @Override
    public List<Projection> projections(Sequenced event) {
        return event.event() instanceof PurposeEvent.Edited
            ? List.of(new Projection(REVISIONS, Long.toString(event.seq()))) : List.of();
    }

    @Override
    public Map<String, String> listRoutes() {
        return Map.of("history", REVISIONS);
    }

    // ---- views per viewer: hidden ratings ----------------------------------------------------------

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    @Override
    public PurposeState view(PurposeState part, Viewer viewer) {
        return part.viewFor(viewer.memberId());
    }

    /** A rating given while ratings are hidden reaches everyone but its author with no scores and no comments. */
    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (event.event() instanceof PurposeEvent.Rated e && e.hidden() && !event.by().equals(viewer.memberId())) {
            return new Sequenced(event.seq(), event.at(), event.by(),
                new PurposeEvent.Rated(e.rev(), e.churn(), e.textLength(), 0, 0, 0, Map.of(), true));
        }
        return event;
    }

    @Override
    public Map<String, Class<? extends Signal>> signals() {
        return Map.of("purpose.caret", Caret.class, "purpose.editing", Editing.class);
    }

    /** A caret is relayed as {@code caret} with its seq and positions; observers may show theirs too. */
    @Override
    public Signal.Relay relay(RoomState room, Member sender, Signal signal) {
        if (signal instanceof Editing e) return editing(room, sender, e);
        Caret c = (Caret) signal;
        if (c.seq() == null || c.anchor() == null || c.head() == null || c.seq() < 0 || c.anchor() < 0 || c.head() < 0) {
            throw Rejection.invalid("purpose.caret needs seq, anchor and head as whole numbers ≥ 0");
        }
        if (c.seq() > room.seq()) throw Rejection.invalid("seq must be an event this room has had");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", c.seq());
        fields.put("anchor", c.anchor());
        fields.put("head", c.head());
        return new Signal.Relay("caret", fields);
    }

    // ---- the meeting record ------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Purpose";
    }

    @Override
    public dev.cairn.room.RecordPart record(Viewer viewer) {
        return new PurposeRecord();
    }

    /** "Ben is editing" is relayed as {@code editing} with the item, only from someone who may edit it. */
    private static Signal.Relay editing(RoomState room, Member sender, Editing e) {
        RoomRules.requireEditor(sender, "edit targets");
        if (e.item() != null) {
            String id = e.item().startsWith("target:") ? e.item().substring("target:".length()) : null;
            if (id == null || of(room).targetIndex(id) < 0) throw Rejection.invalid("item must name a target as target:<id>");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("item", e.item());
        return new Signal.Relay("editing", fields);
    }
}
