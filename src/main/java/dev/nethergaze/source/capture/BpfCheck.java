package dev.nethergaze.source.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Compiles a filter expression on a dead (interface-less) libpcap handle, to reject bad filters up front. */
@SuppressWarnings("restricted") // FFM: reading libpcap's C strings
final class BpfCheck {

    private static final int LINKTYPE_ETHERNET = 1;

    private BpfCheck() {}

    /** Null when {@code expression} compiles, else a one-line error. */
    static String check(String expression) {
        LibPcap pcap;
        try {
            pcap = LibPcap.load();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment dead = (MemorySegment) pcap.openDead.invokeExact(LINKTYPE_ETHERNET, 256);
            try {
                MemorySegment prog = tmp.allocate(16, 8);
                int rc = (int) pcap.compile.invokeExact(dead, prog, tmp.allocateFrom(expression), 1, -1);
                if (rc != 0) {
                    MemorySegment msg = (MemorySegment) pcap.geterr.invokeExact(dead);
                    return "bad filter \"" + expression + "\": "
                            + msg.reinterpret(LibPcap.ERRBUF_SIZE).getString(0);
                }
                pcap.freecode.invokeExact(prog);
                return null;
            } finally {
                pcap.close.invokeExact(dead);
            }
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }
}
