package dev.nethergaze.ui.tui.screen;

/** What has the keyboard: the main screen, a text prompt, or a modal over the main screen. */
public enum Mode {
    MAIN,
    QUICK_FILTER,
    FILTER,
    DETAIL,
    HELP,
    MESSAGE
}
