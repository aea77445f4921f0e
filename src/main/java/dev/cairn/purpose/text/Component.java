package dev.cairn.purpose.text;

/** One step of a text operation, walking the document from its start. */
public sealed interface Component permits Skip, Insert, Delete {

    /** Number of UTF-16 code units this step covers: kept, inserted or removed. */
    int length();
}
