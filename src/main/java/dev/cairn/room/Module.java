package dev.cairn.room;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature of a room, as the core sees it: its commands, events, state part and rules, and the
 * optional seams (deadlines, projections, views per viewer, signals, read routes). A feature is a
 * package with one implementation of this interface, listed once in {@link Modules}.
 *
 * <p>Everything here is plain, deterministic Java: the clock is passed in, nothing does I/O.
 *
 * @param <S> the module's part of the room state (an immutable record)
 */
public interface Module<S> {

    /** The part's name in the room state and the prefix of the module's wire type names. */
    String key();

    Class<S> stateType();

    /** The part of a room that has never had one of this module's events. */
    S initial();

    /** Wire type name → command record, for every command a member may send. */
    Map<String, Class<? extends RoomCommand>> commands();

    /** Wire type name → event record, for every event the rules may emit. */
    Map<String, Class<? extends RoomEvent>> events();

    /**
     * The events that follow from one of this module's commands. Reads: who may do this, is the
     * input valid, what events follow; throws {@link Rejection} otherwise.
     */
    List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command);

    /**
     * Events this module adds when another module's command leads to {@code event} (a facilitator's
     * direct role change enters the decision log; the queue takes a removed member's hand down).
     * {@code room} is the room before the command or deadline; {@code actor} is null when the
     * room's clock caused {@code event}. The events follow {@code event} in the same commit.
     * Empty by default.
     */
    default List<RoomEvent> alongside(RoomState room, Member actor, Context ctx, RoomEvent event) {
        return List.of();
    }

    /** The part after one of this module's events. */
    S apply(S part, Sequenced event, RoomState room);

    /** This module's part of a room. */
    default S part(RoomState room) {
        return room.part(this);
    }

    /** The room with this module's part replaced. */
    default RoomState with(RoomState room, S part) {
        return room.withPart(key(), part);
    }

    // ---- the room's clock --------------------------------------------------------------------

    /** When something in this part falls due (a segment's end, a vote's close). */
    default List<Deadline> deadlines(S part) {
        return List.of();
    }

    /**
     * The events for a deadline that fired at {@code now}; empty unless it is still due in this
     * part. Runs through the normal commit path, so when several nodes fire the same deadline the
     * first commit makes it no longer due and the others commit nothing.
     */
    default List<RoomEvent> due(RoomState room, S part, String deadlineId, long now) {
        return List.of();
    }

    // ---- projections -------------------------------------------------------------------------

    /**
     * Entries the commit appends, atomically with the event, to this room's named lists (for
     * example the seq of every purpose edit, so revision n is found without reading the archive).
     */
    default List<Projection> projections(Sequenced event) {
        return List.of();
    }

    /** Read routes of {@code GET /api/rooms/{id}/<route>}: route → projection list they page through. */
    default Map<String, String> listRoutes() {
        return Map.of();
    }

    // ---- views per viewer --------------------------------------------------------------------

    /** Whether some of this part, or of its events, only some viewers may see. */
    default boolean hasPrivateParts() {
        return false;
    }

    /** The part as {@code viewer} may see it (their own secret ballot, a private draft). */
    default S view(S part, Viewer viewer) {
        return part;
    }

    /**
     * The event as {@code viewer} may see it: itself, or a redacted copy with the same seq (a
     * viewer must still see every seq to stay in order). Called only when {@link #hasPrivateParts}.
     */
    default Sequenced view(Sequenced event, Viewer viewer) {
        return event;
    }

    // ---- signals -----------------------------------------------------------------------------

    /** Wire type name → signal record: ephemeral messages (carets) relayed, never stored. */
    default Map<String, Class<? extends Signal>> signals() {
        return Map.of();
    }

    /**
     * Checks one signal and returns what to relay to the room's other boards (without the sender's
     * ids, which the core adds), or null to drop it. Throws {@link Rejection} for bad input.
     */
    default Signal.Relay relay(RoomState room, Member sender, Signal signal) {
        return null;
    }

    // ---- presence ----------------------------------------------------------------------------

    /**
     * The events that follow from who is online now ({@code online}: member ids with at least one
     * open board, on any node), for example a meeting's attendance. The core calls this through the
     * normal commit path, as the system, whenever a node holding the room sees the online set
     * change; several nodes may call it for the same change, so return events only for what differs
     * between {@code part} and {@code online}: a second call then commits nothing.
     */
    default List<RoomEvent> presence(RoomState room, S part, Set<String> online, long now) {
        return List.of();
    }

    // ---- the meeting record ------------------------------------------------------------------

    /** This module's section title in the meeting record ("Decisions"); null when it has no section. */
    default String recordTitle() {
        return null;
    }

    /**
     * A fresh fold of the archive into this module's section of a meeting record, built for
     * {@code viewer}; null when the module has no section (see {@link RecordPart}).
     */
    default RecordPart record(Viewer viewer) {
        return null;
    }

    // ---- sealed events -----------------------------------------------------------------------

    /**
     * The form of {@code event} the archive keeps for good, when that must differ from the event
     * itself (a secret ballot without its choice); null to archive the event as it is. The full
     * event still reaches every node and is kept apart in Redis, and every read of the archive
     * returns it in place of the archived form, until a later event {@linkplain #erases erases} it;
     * from then on only the archived form exists. {@link #apply} must accept both forms.
     */
    default Sequenced archived(Sequenced event) {
        return null;
    }

    /**
     * The seqs of earlier sealed events (see {@link #archived}) that {@code event} erases for good,
     * for example a closed secret vote's ballots; {@code before} is the room just before it. The
     * commit that carries it also rewrites the snapshot, so no copy of the erased events remains in
     * Redis (the state after {@code event} must not hold them either).
     */
    default List<Long> erases(Sequenced event, RoomState before) {
        return List.of();
    }
}
