package dev.nethergaze.cli;

import dev.nethergaze.control.ControlHandler;
import dev.nethergaze.control.ControlPaths;
import dev.nethergaze.control.ControlServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a running Nethergaze listens for {@code nethergaze ctl}: shared by capture, console and watch. */
final class ControlSocketOptions {

    @Option(
            names = "--socket",
            paramLabel = "PATH",
            description = "Control socket for `nethergaze ctl` (default $XDG_RUNTIME_DIR/nethergaze.sock).")
    Path socket;

    @Option(names = "--no-socket", description = "Do not open a control socket.")
    boolean noSocket;

    /**
     * Opens the control socket, or returns null with --no-socket. A socket path given with --socket
     * that cannot be used is a usage error; the default one (another Nethergaze already listens there,
     * say) costs one line on {@code log} and the run goes on without a socket: a second Nethergaze
     * never takes over the first one's socket.
     */
    ControlServer open(ControlHandler handler, PrintStream log) {
        if (noSocket) {
            return null;
        }
        Path path = socket != null ? socket : ControlPaths.defaultPath(System.getenv());
        try {
            return ControlServer.start(path, handler);
        } catch (IOException e) {
            if (socket != null) {
                throw new UserException("--socket " + path + ": " + e.getMessage());
            }
            log.println("nethergaze: no control socket: " + e.getMessage() + " (use --socket PATH for another)");
            log.flush();
            return null;
        }
    }
}
