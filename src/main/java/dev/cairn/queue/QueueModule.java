package dev.cairn.queue;

import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The speaking queue on the module seam: hands by kind, turns, rounds, and speaking time per meeting. */
public final class QueueModule implements Module<QueueState> {
    private static final QueueModule INSTANCE = new QueueModule();

    /** Public for {@link java.util.ServiceLoader}, which lists this module in {@code dev.cairn.room.Modules}. */
    public QueueModule() {
    }

    /** A room's speaking queue. */
    public static QueueState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "queue";
    }

    @Override
    public Class<QueueState> stateType() {
        return QueueState.class;
    }

    @Override
    public QueueState initial() {
        return QueueState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("queue.raise", QueueCommand.Raise.class);
        commands.put("queue.lower", QueueCommand.Lower.class);
        commands.put("queue.change_kind", QueueCommand.ChangeKind.class);
        commands.put("queue.add", QueueCommand.Add.class);
        commands.put("queue.move", QueueCommand.Move.class);
        commands.put("queue.remove", QueueCommand.Remove.class);
        commands.put("queue.clear", QueueCommand.Clear.class);
        commands.put("queue.lock", QueueCommand.Lock.class);
        commands.put("queue.configure", QueueCommand.Configure.class);
        commands.put("queue.next", QueueCommand.Next.class);
        commands.put("queue.call", QueueCommand.Call.class);
        commands.put("queue.end_turn", QueueCommand.EndTurn.class);
        commands.put("queue.round_start", QueueCommand.StartRound.class);
        commands.put("queue.pass", QueueCommand.Pass.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("queue.hand_raised", QueueEvent.HandRaised.class);
        events.put("queue.hand_lowered", QueueEvent.HandLowered.class);
        events.put("queue.kind_changed", QueueEvent.KindChanged.class);
        events.put("queue.entry_moved", QueueEvent.EntryMoved.class);
        events.put("queue.entry_removed", QueueEvent.EntryRemoved.class);
        events.put("queue.passed", QueueEvent.Passed.class);
        events.put("queue.cleared", QueueEvent.Cleared.class);
        events.put("queue.lock_changed", QueueEvent.LockChanged.class);
        events.put("queue.configured", QueueEvent.Configured.class);
        events.put("queue.turn_started", QueueEvent.TurnStarted.class);
        events.put("queue.turn_ended", QueueEvent.TurnEnded.class);
        events.put("queue.round_started", QueueEvent.RoundStarted.class);
        events.put("queue.reordered", QueueEvent.Reordered.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return QueueRules.decide(room, actor, ctx, (QueueCommand) command);
    }

    @Override
    public List<RoomEvent> alongside(RoomState room, Member actor, Context ctx, RoomEvent event) {
        return QueueRules.alongside(room, event, ctx);
    }

    @Override
    public QueueState apply(QueueState part, Sequenced event, RoomState room) {
        return QueueRules.apply(part, event);
    }

    // ---- the meeting record ------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Speaking time";
    }

    @Override
    public dev.cairn.room.RecordPart record(dev.cairn.room.Viewer viewer) {
        return new QueueRecord();
    }
}
