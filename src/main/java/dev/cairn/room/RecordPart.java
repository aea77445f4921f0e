package dev.cairn.room;

/**
 * A module's section of a meeting record (or of the whole room's record), folded from the archive.
 * The record builder asks every module for a fresh one per record ({@link Module#record}), replays
 * the room's archived events through it in order, then asks for the section.
 *
 * <p>Events arrive as the record's reader may see them (views per viewer applied, sealed events in
 * their archived form once erased). The room states are the full states the replay builds: a part
 * must not put into its section anything the reader could not see on their own board.
 */
public interface RecordPart {

    /**
     * Called for every archived event, oldest first. {@code before} and {@code after} are the room
     * just before and just after it; {@code during} says whether the event falls within the span the
     * record is for (the meeting's own events, from its {@code meeting.started} to its
     * {@code meeting.ended}, both included; every event for the room). For one meeting the replay
     * stops at its end: events after it never reach the part.
     */
    void event(Sequenced event, RoomState before, RoomState after, boolean during);

    /**
     * Called, oldest first, for the events after a meeting's end when the record is that meeting's
     * (never for the whole room's record), as the reader may see them: for what must leave a past
     * record too, such as an acknowledgement its author withdrew later. {@link #section} still
     * receives the room as it was at the meeting's end. Nothing by default.
     */
    default void afterSpan(Sequenced event, RoomState before, RoomState after) {
    }

    /**
     * This module's section once the replay reached the span's end ({@code end} is the room then):
     * plain data for the JSON export (records, maps, lists, strings, numbers, booleans), or null when
     * the module has nothing to record for this span.
     */
    Object section(RoomState end);

    /**
     * The section's human-readable form (Markdown, the printable page), from what {@link #section}
     * returned; plain text only, the writer escapes it. {@link RecordWriter#time},
     * {@link RecordWriter#duration} and {@link RecordWriter#name} format instants, lengths and
     * members the same way in every section.
     */
    void write(Object section, RecordWriter out);
}
