package dev.nethergaze.source.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One open libpcap handle on an interface: headers-only snap length, immediate mode, a large
 * kernel buffer, nanosecond timestamps, non-blocking. Non-blocking because libpcap 1.10 on Linux
 * (TPACKET_V2 ring, used in immediate mode) re-polls internally when the read timeout expires, so
 * a blocking {@code pcap_next_ex} never returns 0 on an idle interface: the caller could not tick,
 * and the last packets of a burst stayed uncounted until the next packet arrived. {@link #await}
 * waits for packets with a timeout we control instead. Not thread-safe: only the capture thread uses it (filter
 * changes are handed over and applied there between reads, so the handle stays open: no gap).
 */
@SuppressWarnings("restricted") // FFM: libpcap's packet and header pointers
final class LiveHandle implements AutoCloseable {

    /** Kernel counters from {@code pcap_stats}. */
    record KernelStats(long received, long dropped, long ifDropped) {
        static final KernelStats UNKNOWN = new KernelStats(-1, -1, -1);
    }

    /**
     * Why a handle could not be opened; {@code permission} when root / CAP_NET_RAW is missing,
     * {@code absent} when the interface is not there or not up (it may come back).
     */
    static final class OpenException extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean permission;
        final boolean absent;

        OpenException(String message, boolean permission) {
            this(message, permission, false);
        }

        OpenException(String message, boolean permission, boolean absent) {
            super(message);
            this.permission = permission;
            this.absent = absent;
        }
    }

    private static final short POLLIN = 1;

    private final LibPcap pcap;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment hdrPtr;
    private final MemorySegment dataPtr;
    private final MemorySegment statBuf;
    private final MemorySegment pollFd;
    private final MemorySegment ifreq;
    private final int fd;
    private final int linkType;
    private final int ifIndex;
    final String iface;

    private LiveHandle(LibPcap pcap, MemorySegment handle, String iface) throws Throwable {
        this.pcap = pcap;
        this.handle = handle;
        this.iface = iface;
        this.ifIndex = index(pcap, iface);
        this.hdrPtr = arena.allocate(ADDRESS);
        this.dataPtr = arena.allocate(ADDRESS);
        this.statBuf = arena.allocate(16);
        this.linkType = (int) pcap.datalink.invokeExact(handle);
        this.fd = (int) pcap.selectableFd.invokeExact(handle);
        this.ifreq = arena.allocate(LibPcap.IFREQ_SIZE, 8);
        this.pollFd = arena.allocate(8, 4); // struct pollfd { int fd; short events; short revents; }
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLIN);
    }

    static LiveHandle open(String iface, int snaplen, int bufferBytes, int timeoutMs) throws OpenException {
        LibPcap pcap;
        try {
            pcap = LibPcap.load();
        } catch (IllegalStateException e) {
            throw new OpenException(e.getMessage(), false);
        }
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment err = tmp.allocate(LibPcap.ERRBUF_SIZE);
            MemorySegment h = (MemorySegment) pcap.create.invokeExact(tmp.allocateFrom(iface), err);
            if (h.equals(MemorySegment.NULL)) {
                throw new OpenException("capture on " + iface + ": " + err.getString(0), false);
            }
            int r0 = (int) pcap.setSnaplen.invokeExact(h, snaplen);
            int r1 = (int) pcap.setImmediate.invokeExact(h, 1);
            int r2 = (int) pcap.setTimeout.invokeExact(h, timeoutMs);
            int r3 = (int) pcap.setBufferSize.invokeExact(h, bufferBytes);
            int r4 = (int) pcap.setPrecision.invokeExact(h, LibPcap.PCAP_TSTAMP_PRECISION_NANO);
            int rc = (int) pcap.activate.invokeExact(h);
            if (rc < 0) {
                String msg = error(pcap, h);
                pcap.close.invokeExact(h);
                if (rc == LibPcap.PCAP_ERROR_PERM_DENIED) {
                    throw new OpenException(
                            "capture on " + iface + " needs root or CAP_NET_RAW (permission denied)", true);
                }
                boolean absent = rc == LibPcap.PCAP_ERROR_NO_SUCH_DEVICE || rc == LibPcap.PCAP_ERROR_IFACE_NOT_UP;
                throw new OpenException("capture on " + iface + ": " + msg, false, absent);
            }
            if ((r0 | r1 | r2 | r3 | r4) != 0) {
                pcap.close.invokeExact(h);
                throw new OpenException("capture on " + iface + ": libpcap refused a setting", false);
            }
            int nb = (int) pcap.setnonblock.invokeExact(h, 1, err);
            int fd = (int) pcap.selectableFd.invokeExact(h);
            if (nb != 0 || fd < 0) {
                pcap.close.invokeExact(h);
                throw new OpenException("capture on " + iface + ": no non-blocking descriptor", false);
            }
            return new LiveHandle(pcap, h, iface);
        } catch (OpenException e) {
            throw e;
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }

    int linkType() {
        return linkType;
    }

    /** Installs a BPF filter ("" = everything); returns null on success, else libpcap's message. */
    String setFilter(String expression) {
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment prog = tmp.allocate(16, 8);
            int rc = (int) pcap.compile.invokeExact(handle, prog, tmp.allocateFrom(expression), 1, -1);
            if (rc != 0) {
                return "bad filter \"" + expression + "\": " + error(pcap, handle);
            }
            int set = (int) pcap.setfilter.invokeExact(handle, prog);
            pcap.freecode.invokeExact(prog);
            return set == 0 ? null : "filter not installed: " + error(pcap, handle);
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }

    /**
     * Reads the next packet into {@code handler} without blocking: 1 delivered, 0 nothing queued,
     * negative on error. The frame's memory is valid only during the call.
     */
    int next(FrameHandler handler) {
        int rc;
        try {
            rc = (int) pcap.nextEx.invokeExact(handle, hdrPtr, dataPtr);
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
        if (rc != 1) {
            return rc;
        }
        MemorySegment hdr = hdrPtr.get(ADDRESS, 0).reinterpret(24);
        long sec = hdr.get(JAVA_LONG, 0);
        long nsec = hdr.get(JAVA_LONG, 8);
        int cap = hdr.get(JAVA_INT, 16);
        int len = hdr.get(JAVA_INT, 20);
        MemorySegment data = dataPtr.get(ADDRESS, 0).reinterpret(cap);
        handler.frame(sec * 1_000_000_000L + nsec, linkType, data, 0, cap, len);
        return 1;
    }

    /**
     * Waits up to {@code timeoutMs} for packets (or an error) on the handle: poll's result, 1 ready, 0
     * timed out, -1 interrupted. The caller reads again either way; {@code pcap_next_ex} reports errors.
     */
    int await(int timeoutMs) {
        try {
            return (int) pcap.poll.invokeExact(pollFd, 1L, timeoutMs);
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }

    /**
     * Whether the interface this handle was opened on is gone: no interface has its name any more,
     * or one with a new index does (deleted and created again), so the handle will read nothing.
     */
    boolean interfaceGone() {
        try {
            return index(pcap, iface) != ifIndex;
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }

    /**
     * Whether the interface is there but administratively down ({@code ip link set IFACE down}): its
     * flags, read with {@code SIOCGIFFLAGS} on the capture's own socket (so in its network namespace),
     * lack {@code IFF_UP}. libpcap reads nothing from it then and reports no error, and it keeps its
     * index, so {@link #interfaceGone} does not see it. False when the flags cannot be read.
     */
    boolean interfaceDown() {
        byte[] name = iface.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (name.length >= 16) {
            return false;
        }
        ifreq.fill((byte) 0);
        MemorySegment.copy(name, 0, ifreq, JAVA_BYTE, 0, name.length);
        try {
            int rc = (int) pcap.ioctl.invokeExact(fd, LibPcap.SIOCGIFFLAGS, ifreq);
            return rc == 0 && (ifreq.get(JAVA_SHORT, LibPcap.IFREQ_FLAGS_OFFSET) & LibPcap.IFF_UP) == 0;
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }

    private static int index(LibPcap pcap, String iface) throws Throwable {
        try (Arena tmp = Arena.ofConfined()) {
            return (int) pcap.ifNameToIndex.invokeExact(tmp.allocateFrom(iface));
        }
    }

    String lastError() {
        return error(pcap, handle);
    }

    KernelStats stats() {
        try {
            int rc = (int) pcap.stats.invokeExact(handle, statBuf);
            if (rc != 0) {
                return KernelStats.UNKNOWN;
            }
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
        return new KernelStats(
                Integer.toUnsignedLong(statBuf.get(JAVA_INT, 0)),
                Integer.toUnsignedLong(statBuf.get(JAVA_INT, 4)),
                Integer.toUnsignedLong(statBuf.get(JAVA_INT, 8)));
    }

    @Override
    public void close() {
        try {
            pcap.close.invokeExact(handle);
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        } finally {
            arena.close();
        }
    }

    private static String error(LibPcap pcap, MemorySegment h) {
        try {
            MemorySegment s = (MemorySegment) pcap.geterr.invokeExact(h);
            return s.reinterpret(LibPcap.ERRBUF_SIZE).getString(0);
        } catch (Throwable t) {
            throw LibPcap.rethrow(t);
        }
    }
}
