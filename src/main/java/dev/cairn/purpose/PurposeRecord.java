package dev.cairn.purpose;

import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.List;

/**
 * The purpose's section of a meeting record: the adopted purpose and the draft as they stood at
 * the span's end, the targets, and every adoption and how many edits fell within the span.
 * Ratings are left out: hidden ones are not the reader's to see, and the draft is what they rated.
 */
public final class PurposeRecord implements RecordPart {

    /** An adopted revision: its text, when, by whom (member id and name) and by which decision. */
    public record Adopted(int rev, String text, long at, String by, String byName, String decisionId) {
    }

    public record Draft(int rev, String text) {
    }

    /** The section: {@code edits} and {@code adoptions} are those within the span. */
    public record Section(Adopted adopted, Draft draft, List<Target> targets, List<Adopted> adoptions, int edits) {
    }

    private final List<Sequenced> adoptions = new ArrayList<>();
    private int edits;

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean during) {
        if (!during) return;
        if (event.event() instanceof PurposeEvent.Edited) edits++;
        if (event.event() instanceof PurposeEvent.Adopted) adoptions.add(event);
    }

    @Override
    public Object section(RoomState end) {
        PurposeState purpose = PurposeModule.of(end);
        Adoption a = purpose.adopted();
        Adopted adopted = a == null ? null
            : new Adopted(a.rev(), a.text(), a.at(), a.by(), RecordWriter.name(end, a.by()), a.decisionId());
        List<Adopted> inSpan = new ArrayList<>();
        for (Sequenced s : adoptions) {
            PurposeEvent.Adopted e = (PurposeEvent.Adopted) s.event();
            inSpan.add(new Adopted(e.rev(), e.text(), s.at(), s.by(), RecordWriter.name(end, s.by()), e.decisionId()));
        }
        return new Section(adopted, new Draft(purpose.rev(), purpose.text()), purpose.targets(), inSpan, edits);
    }

    @Override
    public void write(Object data, RecordWriter out) {
        Section s = (Section) data;
        out.heading("Adopted purpose");
        if (s.adopted() == null) {
            out.paragraph("No purpose has been adopted yet.");
        } else {
            out.paragraph(s.adopted().text());
            out.paragraph("Revision " + s.adopted().rev() + ", adopted " + RecordWriter.time(s.adopted().at())
                + " by " + s.adopted().byName() + ".");
        }
        out.heading("Draft");
        out.paragraph(s.draft().text().isBlank() ? "The draft is empty." : s.draft().text());
        out.paragraph("Revision " + s.draft().rev() + "; " + s.edits() + (s.edits() == 1 ? " edit" : " edits")
            + " in the span of this record.");
        out.heading("Targets");
        if (s.targets().isEmpty()) {
            out.paragraph("No measurable targets yet.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Target t : s.targets()) rows.add(List.of(text(t.what()), text(t.baseline()), text(t.target()), text(t.due()), text(t.tracker())));
            out.table(List.of("What", "From", "To", "By when", "Tracked by"), rows);
        }
        if (!s.adoptions().isEmpty()) {
            out.heading("Adoptions in this span");
            List<String> items = new ArrayList<>();
            for (Adopted a : s.adoptions()) {
                items.add("Revision " + a.rev() + ", " + RecordWriter.time(a.at()) + ", by " + a.byName() + ": " + a.text());
            }
            out.list(items);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
