package dev.cairn.purpose;

/** One measurable target under the purpose: what is measured, from where to where, by when, tracked by whom. */
public record Target(String id, String what, String baseline, String target, String due, String tracker) {
}
