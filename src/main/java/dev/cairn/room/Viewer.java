package dev.cairn.room;

/** Who looks at a room: a member and their current role. Views per viewer are built for one of these. */
public record Viewer(String memberId, Role role) {

    public static Viewer of(Member member) {
        return new Viewer(member.id(), member.role());
    }
}
