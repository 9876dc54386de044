package dev.nethergaze.model;

/** The kernel's TCP states, with their codes from include/net/tcp_states.h. */
public enum TcpState {
    ESTABLISHED(1),
    SYN_SENT(2),
    SYN_RECV(3),
    FIN_WAIT1(4),
    FIN_WAIT2(5),
    TIME_WAIT(6),
    CLOSE(7),
    CLOSE_WAIT(8),
    LAST_ACK(9),
    LISTEN(10),
    CLOSING(11);

    private static final TcpState[] BY_CODE = new TcpState[16];

    static {
        for (TcpState s : values()) {
            BY_CODE[s.code] = s;
        }
        BY_CODE[12] = SYN_RECV; // TCP_NEW_SYN_RECV: a request socket, shown as SYN_RECV like ss does
    }

    private final int code;

    TcpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state for a kernel code, or null when the code is unknown. */
    public static TcpState ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
