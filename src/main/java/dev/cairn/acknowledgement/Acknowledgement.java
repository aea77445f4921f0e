package dev.cairn.acknowledgement;

import java.util.List;

/**
 * One member's acknowledgement of their own part in the status quo. {@code text} is null only where
 * the archive's form of a draft was replayed; {@code sharedAt} is null while it is a draft;
 * {@code editedAt} is the last change the viewer could see (a draft's last edit, a shared one's
 * last public edit, null if none); {@code draftSeqs} are the seqs of its sealed draft events.
 */
public record Acknowledgement(String id, String author, String text, boolean shared, Long sharedAt, Long editedAt,
                              List<Long> draftSeqs) {

    public Acknowledgement {
        draftSeqs = List.copyOf(draftSeqs);
    }
}
