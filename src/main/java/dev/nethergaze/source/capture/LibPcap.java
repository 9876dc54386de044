package dev.nethergaze.source.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few libpcap (Debian {@code libpcap0.8}, 1.10) functions we call (and libc's {@code poll},
 * {@code if_nametoindex} and {@code ioctl}),
 * bound through the FFM API.
 * {@link #load()} fails with a one-line message when the library is not installed.
 */
@SuppressWarnings("restricted") // FFM: binding a native library is the point
final class LibPcap {

    static final int ERRBUF_SIZE = 256;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    static final int PCAP_TSTAMP_PRECISION_NANO = 1;
    /** {@code ioctl} request reading an interface's flags into a {@code struct ifreq} (linux/sockios.h). */
    static final long SIOCGIFFLAGS = 0x8913;
    /** {@code struct ifreq}: the name (IFNAMSIZ 16 bytes), then a union holding {@code short ifr_flags}. */
    static final int IFREQ_SIZE = 40;

    static final int IFREQ_FLAGS_OFFSET = 16;
    /** {@code IFF_UP} in {@code ifr_flags}: the interface is administratively up. */
    static final short IFF_UP = 0x1;

    final MethodHandle create;
    final MethodHandle setSnaplen;
    final MethodHandle setImmediate;
    final MethodHandle setTimeout;
    final MethodHandle setBufferSize;
    final MethodHandle setPrecision;
    final MethodHandle activate;
    final MethodHandle geterr;
    final MethodHandle datalink;
    final MethodHandle compile;
    final MethodHandle setfilter;
    final MethodHandle freecode;
    final MethodHandle nextEx;
    final MethodHandle stats;
    final MethodHandle close;
    final MethodHandle openDead;
    final MethodHandle setnonblock;
    final MethodHandle selectableFd;
    /** libc {@code poll(2)}: waits on the handle's descriptor with a timeout we control. */
    final MethodHandle poll;
    /** libc {@code if_nametoindex(3)}: 0 when no interface has the name (in this network namespace). */
    final MethodHandle ifNameToIndex;
    /** libc {@code ioctl(2)} with a pointer argument: {@link #SIOCGIFFLAGS} on the handle's socket. */
    final MethodHandle ioctl;

    private static volatile LibPcap instance;

    private LibPcap(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        create = bind(linker, lib, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        setSnaplen = bind(linker, lib, "pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setImmediate = bind(linker, lib, "pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTimeout = bind(linker, lib, "pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setBufferSize = bind(linker, lib, "pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setPrecision =
                bind(linker, lib, "pcap_set_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        activate = bind(linker, lib, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        geterr = bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        datalink = bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        compile = bind(
                linker,
                lib,
                "pcap_compile",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setfilter = bind(linker, lib, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freecode = bind(linker, lib, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = bind(linker, lib, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        stats = bind(linker, lib, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        close = bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
        openDead = bind(linker, lib, "pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        setnonblock =
                bind(linker, lib, "pcap_setnonblock", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        selectableFd = bind(linker, lib, "pcap_get_selectable_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        poll = bind(
                linker, linker.defaultLookup(), "poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        ifNameToIndex =
                bind(linker, linker.defaultLookup(), "if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        ioctl = linker.downcallHandle(
                linker.defaultLookup().find("ioctl").orElseThrow(() -> new IllegalStateException("libc lacks ioctl()")),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment addr =
                lib.find(name).orElseThrow(() -> new IllegalStateException("libpcap lacks " + name + "()"));
        return linker.downcallHandle(addr, fd);
    }

    /** The bound library, loaded once; throws {@link IllegalStateException} with one line if absent. */
    static LibPcap load() {
        LibPcap l = instance;
        if (l == null) {
            synchronized (LibPcap.class) {
                if (instance == null) {
                    instance = new LibPcap(find().orElseThrow(() ->
                            new IllegalStateException("libpcap not found (install the libpcap0.8 package)")));
                }
                l = instance;
            }
        }
        return l;
    }

    /** True when libpcap can be loaded here. */
    static boolean available() {
        try {
            load();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Optional<SymbolLookup> find() {
        for (String name : new String[] {"libpcap.so.1", "libpcap.so.0.8", "libpcap.so"}) {
            try {
                return Optional.of(SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    /** Throws the exception of a native call as unchecked (FFM method handles declare Throwable). */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
