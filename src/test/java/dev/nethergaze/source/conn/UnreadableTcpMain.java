package dev.nethergaze.source.conn;

import java.nio.file.Path;
import java.time.Instant;

/** Reads the tcp table under the proc root in args[0]; prints what the reader threw, or "read". */
public final class UnreadableTcpMain {

    private UnreadableTcpMain() {}

    public static void main(String[] args) {
        try {
            new ProcNetTcpReader(Path.of(args[0])).read(Instant.EPOCH);
            System.out.println("read");
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName());
        }
    }
}
