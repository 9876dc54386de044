/**
 * The full-screen console. {@link dev.nethergaze.ui.tui.Console#run} is the entry point the CLI
 * calls with a snapshot supplier, {@link dev.nethergaze.ui.tui.ConsoleOptions} and
 * {@link dev.nethergaze.ui.tui.ConsoleActions}.
 *
 * <p>Layers, each depending only on the ones above it:
 *
 * <ul>
 *   <li>{@code term}: the terminal (JLine, raw mode, alternate screen, mouse) and key decoding;
 *   <li>{@code draw}: an immediate-mode cell buffer, styles and themes, layout, and the diff that
 *       turns two frames into the fewest escapes;
 *   <li>{@code widget}: table (visible rows only, columns by priority), log view, bars, text input,
 *       boxes and the help view;
 *   <li>{@code filter}: the filter interface over the one filter language ({@code detect.Filter});
 *   <li>{@code screen}: the console's state and its screens (main, IP detail) drawn from a
 *       snapshot;
 *   <li>this package: the key map (which also renders the help), the controller, the loop and the
 *       terminal hygiene.
 * </ul>
 *
 * Views read immutable snapshots only; nothing here does I/O on the UI thread except writing to
 * the terminal, and host actions run on virtual threads.
 */
package dev.nethergaze.ui.tui;
