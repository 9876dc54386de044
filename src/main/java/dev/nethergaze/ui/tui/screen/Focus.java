package dev.nethergaze.ui.tui.screen;

/** The main screen's panels, in Tab order. */
public enum Focus {
    TABLE,
    LOG;

    public Focus next() {
        return this == TABLE ? LOG : TABLE;
    }
}
