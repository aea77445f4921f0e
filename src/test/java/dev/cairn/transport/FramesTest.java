package dev.cairn.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A publication's frames are taken out exactly as committed, whatever their strings hold. */
class FramesTest {

    @Test
    void splitsAnArrayOfFramesIntoTheExactTextOfEach() {
        String a = "{\"type\":\"event\",\"seq\":7,\"event\":{\"type\":\"purpose.edited\",\"op\":[3,\"a},{\\\"b\\\\\",{\"d\":2}]}}";
        String b = "{\"type\":\"event\",\"seq\":8,\"event\":{\"type\":\"room.renamed\",\"title\":\"[x] \\\\\\\" {y}\"}}";
        assertEquals(List.of(a, b), Frames.splitArray("[" + a + "," + b + "]"));
        assertEquals(List.of(a), Frames.splitArray("[" + a + "]"));
        assertEquals(List.of(), Frames.splitArray("[]"));
    }
}
