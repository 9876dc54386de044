package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Auth log lines through a parser to its end, and counts of what came out. */
final class ParsedLines {

    private ParsedLines() {}

    /** Every attempt {@code p} makes of {@code lines}, the end of input included. */
    static List<AuthAttempt> read(AuthLineParser p, String... lines) throws InterruptedException {
        List<AuthAttempt> out = new ArrayList<>();
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            p.parse(b, 0, b.length, out::add);
        }
        p.endOfInput(out::add);
        return out;
    }

    static long failures(List<AuthAttempt> attempts) {
        return attempts.stream().filter(a -> a.kind().isFailure()).count();
    }

    static long count(List<AuthAttempt> attempts, AuthKind k) {
        return attempts.stream().filter(a -> a.kind() == k).count();
    }
}
