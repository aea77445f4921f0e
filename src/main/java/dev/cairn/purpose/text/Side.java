package dev.cairn.purpose.text;

/** Breaks ties in transform: when both operations insert at one position, LEFT's text comes first. */
public enum Side {
    LEFT,
    RIGHT
}
