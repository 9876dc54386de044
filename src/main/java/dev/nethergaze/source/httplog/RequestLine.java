package dev.nethergaze.source.httplog;

/**
 * The quoted request of an access-log line split into method, target and protocol. The target may
 * contain spaces ({@code GET /a b HTTP/1.0}); the protocol is the last word when it looks like one
 * ({@code HTTP/1.1}, {@code HTTP/2}), and may be absent ({@code GET /}, HTTP/0.9). Anything without an
 * upper-case method and a target (scanner junk, TLS bytes, {@code -}) is malformed: method and
 * protocol are "", the target is the raw request ("" for {@code -}). A request with a method and a
 * target is malformed too, its fields kept, when it has no protocol or its target holds a space or a
 * control byte ({@code \x00}, as nginx and Apache log one; {@link ByteText#badBytes()}).
 */
record RequestLine(String method, String target, String protocol, boolean malformed) {

    private static final RequestLine DASH = new RequestLine("", "", "", true);

    static RequestLine split(byte[] b, int from, int to, ByteText text) {
        if (to - from == 1 && b[from] == '-') {
            return DASH;
        }
        int sp1 = from;
        while (sp1 < to && isMethodChar(b[sp1])) {
            sp1++;
        }
        int methodLen = sp1 - from;
        if (methodLen == 0 || methodLen > CombinedParser.maxMethod() || sp1 + 1 >= to || b[sp1] != ' ') {
            return junk(b, from, to);
        }
        int sp2 = to - 1;
        while (sp2 > sp1 && b[sp2] != ' ') {
            sp2--;
        }
        String method = text.cached(b, from, methodLen);
        if (sp2 > sp1 + 1 && isProtocol(b, sp2 + 1, to)) {
            String target = text.target(b, sp1 + 1, sp2 - sp1 - 1);
            return new RequestLine(method, target, text.cached(b, sp2 + 1, to - sp2 - 1), text.badBytes());
        }
        // HTTP/0.9 ("GET /", which nginx and Apache still answer) or a request cut short: no client of
        // this century sends one
        return new RequestLine(method, text.target(b, sp1 + 1, to - sp1 - 1), "", true);
    }

    private static RequestLine junk(byte[] b, int from, int to) {
        return new RequestLine("", ByteText.decode(b, from, to - from), "", true);
    }

    private static boolean isMethodChar(byte c) {
        return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    /** "HTTP/..." or "HTTPS/..." (seen in the wild), with something after the slash. */
    private static boolean isProtocol(byte[] b, int from, int to) {
        if (to - from < 6 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P') {
            return false;
        }
        int slash = b[from + 4] == '/' ? from + 4 : b[from + 4] == 'S' && b[from + 5] == '/' ? from + 5 : -1;
        return slash > 0 && slash + 1 < to;
    }
}
