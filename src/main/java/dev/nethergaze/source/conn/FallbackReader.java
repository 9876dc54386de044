package dev.nethergaze.source.conn;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;

/**
 * The {@code auto} reader: netlink first, procfs when netlink cannot be used, and a name that says
 * which one ran and why ({@code "netlink"}, or {@code "procfs (netlink: permission denied)"}).
 * A failure to open the netlink socket (no permission, no sock_diag in the kernel) is permanent; a
 * failed dump falls back for that poll only and netlink is tried again on the next.
 */
final class FallbackReader implements ConnectionReader, AutoCloseable {

    private static final int EPROTONOSUPPORT = 93;
    private static final int EAFNOSUPPORT = 97;

    private final ConnectionReader netlink;
    private final ConnectionReader procfs;
    private String disabled; // why netlink is off for good, or null
    private String lastName = "netlink";

    FallbackReader(ConnectionReader netlink, ConnectionReader procfs) {
        this.netlink = netlink;
        this.procfs = procfs;
    }

    @Override
    public String name() {
        return lastName;
    }

    @Override
    public ReadResult read(Instant now) throws IOException {
        String why = disabled;
        if (why == null) {
            try {
                ReadResult r = netlink.read(now);
                lastName = netlink.name();
                return r;
            } catch (AccessDeniedException e) {
                why = disabled = "permission denied";
            } catch (NetlinkException e) {
                why = e.getMessage();
                if (e.errno() == EAFNOSUPPORT || e.errno() == EPROTONOSUPPORT) {
                    disabled = why;
                }
            } catch (IOException e) {
                why = e.getMessage();
            }
        }
        lastName = procfs.name() + " (netlink: " + why + ")";
        return procfs.read(now);
    }

    @Override
    public void close() throws Exception {
        if (netlink instanceof AutoCloseable c) {
            c.close();
        }
    }
}
