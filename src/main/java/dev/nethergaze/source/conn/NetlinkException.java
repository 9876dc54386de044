package dev.nethergaze.source.conn;

import dev.nethergaze.source.sys.LibC;
import java.io.IOException;
import java.util.Locale;

/** A netlink call failed with an errno (from libc, or from the kernel inside an NLMSG_ERROR). */
final class NetlinkException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    NetlinkException(String what, int errno) {
        super(what + ": " + LibC.strerror(errno).toLowerCase(Locale.ROOT));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }

    /** Whether the failure means "not allowed" (EPERM, EACCES) rather than "broken". */
    boolean isPermission() {
        return errno == LibC.EPERM || errno == LibC.EACCES;
    }
}
