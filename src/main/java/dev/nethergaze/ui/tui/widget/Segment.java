package dev.nethergaze.ui.tui.widget;

/** A run of text in one style: the unit of a styled line. */
public record Segment(String text, int style) {}
