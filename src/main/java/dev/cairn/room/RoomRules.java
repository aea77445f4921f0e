package dev.cairn.room;

import dev.cairn.room.MembershipEvent.MemberJoined;
import dev.cairn.room.MembershipEvent.RoomCreated;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The core's rules: creating and joining a room, and handing each command, deadline and signal to
 * the module that declares it once the actor is known to be a member. Throws {@link Rejection}.
 */
public final class RoomRules {
    /** The author of events the room's clock causes. */
    public static final String SYSTEM = "system";

    /** Facilitator links still join a full room, up to this many beyond the limit, so nobody can lock a room by filling it. */
    public static final int FACILITATOR_HEADROOM = 20;

    private final int maxMembers;

    public RoomRules(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    /** The events that open a new room with its creator as first facilitator. */
    public List<RoomEvent> create(String roomId, String title, String creatorId, String creatorName) {
        return List.of(
            new RoomCreated(roomId, Names.title(title)),
            new MemberJoined(creatorId, Names.displayName(creatorName), Role.FACILITATOR.wire()));
    }

    /**
     * A person joins by link; the role comes from the link they used, checked by the caller.
     * Joining again with the same member id changes nothing, so a join retried after a lost
     * answer from Redis is applied once.
     */
    public List<RoomEvent> join(RoomState room, String memberId, String name, Role role) {
        requireRoom(room);
        if (room.member(memberId) != null) return List.of();
        long members = room.memberCount();
        if (members >= maxMembers && (role != Role.FACILITATOR || members >= maxMembers + FACILITATOR_HEADROOM)) {
            throw new Rejection("room_full", "this room already has " + maxMembers + " members");
        }
        return List.of(new MemberJoined(memberId, Names.displayName(name), role.wire()));
    }

    /** The events a member's command leads to. */
    public List<RoomEvent> decide(RoomState room, Context ctx, RoomCommand command) {
        Member actor = requireMember(room, ctx.actorId());
        return decide(Modules.forCommand(command), room, actor, ctx, command);
    }

    private static <S> List<RoomEvent> decide(Module<S> module, RoomState room, Member actor, Context ctx,
                                              RoomCommand command) {
        return withAlongside(module, room, actor, ctx, module.decide(room, actor, ctx, command));
    }

    /** {@code events} of {@code module}, each followed by what the other modules add alongside it. */
    private static List<RoomEvent> withAlongside(Module<?> module, RoomState room, Member actor, Context ctx,
                                                 List<RoomEvent> events) {
        List<RoomEvent> all = new ArrayList<>(events.size());
        boolean added = false;
        for (RoomEvent event : events) {
            all.add(event);
            for (Module<?> other : Modules.ALL) {
                if (other == module) continue;
                List<RoomEvent> more = other.alongside(room, actor, ctx, event);
                all.addAll(more);
                added |= !more.isEmpty();
            }
        }
        return added ? all : events;
    }

    /** The events of a deadline that fired: only if the module still finds it due. */
    public List<RoomEvent> due(RoomState room, String moduleKey, String deadlineId, long now) {
        if (!room.exists()) return List.of();
        Module<?> module = Modules.byKey(moduleKey);
        return module == null ? List.of() : due(module, room, deadlineId, now);
    }

    private static <S> List<RoomEvent> due(Module<S> module, RoomState room, String deadlineId, long now) {
        return withAlongside(module, room, null, new Context(SYSTEM, null, History.NONE, now),
            module.due(room, module.part(room), deadlineId, now));
    }

    /**
     * The events every module draws from who is online now ({@code online}: member ids); members
     * of the room only. Empty when nothing differs from what the room already records.
     */
    public List<RoomEvent> presence(RoomState room, Set<String> online, long now) {
        if (!room.exists()) return List.of();
        Set<String> members = Set.copyOf(online.stream().filter(room.members()::containsKey).toList());
        List<RoomEvent> events = new ArrayList<>();
        for (Module<?> module : Modules.ALL) events.addAll(presence(module, room, members, now));
        return events;
    }

    private static <S> List<RoomEvent> presence(Module<S> module, RoomState room, Set<String> online, long now) {
        return module.presence(room, module.part(room), online, now);
    }

    /** What to relay for a member's signal, or null to drop it. */
    public Signal.Relay relay(RoomState room, String actorId, Signal signal) {
        Member sender = requireMember(room, actorId);
        return Modules.forSignal(signal).relay(room, sender, signal);
    }

    private static Member requireMember(RoomState room, String actorId) {
        requireRoom(room);
        Member actor = room.member(actorId);
        if (actor == null) throw Rejection.forbidden("you are not a member of this room");
        if (!actor.role().isMember()) throw Rejection.forbidden("you were removed from this room");
        return actor;
    }

    static void requireRoom(RoomState room) {
        if (!room.exists()) throw Rejection.notFound("room " + room.id() + " does not exist");
    }

    /** Refuses unless the actor is a facilitator; {@code what} completes "only facilitators may ...". */
    public static void requireFacilitator(Member actor, String what) {
        if (actor.role() != Role.FACILITATOR) throw Rejection.forbidden("only facilitators may " + what);
    }

    /** Refuses observers, who watch read-only. */
    public static void requireEditor(Member actor, String what) {
        if (!actor.role().canEdit()) throw Rejection.forbidden("observers may not " + what);
    }
}
