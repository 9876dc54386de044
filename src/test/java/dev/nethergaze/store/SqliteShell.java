package dev.nethergaze.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The sqlite3 shell as the oracle for what a history file holds, and a way to damage one as a bad disk does. */
public final class SqliteShell {

    private SqliteShell() {}

    /** What {@code sqlite3 FILE SQL} prints (errors too), trimmed. */
    public static String sqlite3(Path file, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", file.toString(), sql)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    /**
     * Moves the write-ahead log into the file, then overwrites the root page of {@code index} with 0xff:
     * its b-tree is damaged, the tables are not, and a write that does not touch it succeeds.
     */
    public static void damage(Path file, String index) throws IOException, InterruptedException {
        String checkpoint = sqlite3(file, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (!checkpoint.startsWith("0|")) {
            throw new IllegalStateException("checkpoint of " + file + ": " + checkpoint);
        }
        int page = Integer.parseInt(sqlite3(file, "SELECT rootpage FROM sqlite_master WHERE name = '" + index + "'"));
        int size = Integer.parseInt(sqlite3(file, "PRAGMA page_size"));
        byte[] junk = new byte[size];
        Arrays.fill(junk, (byte) 0xff);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek((long) (page - 1) * size);
            f.write(junk);
        }
    }
}
