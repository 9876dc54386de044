package dev.nethergaze.source.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** Follows the file in args[0] for two polls; prints the problems the tailer has and how often it reported. */
public final class UnreadableFileMain {

    private UnreadableFileMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println(tail(Path.of(args[0])));
    }

    static String tail(Path file) throws InterruptedException {
        TailHarness rec = new TailHarness();
        TailConfig config = new TailConfig(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                InstantSource.system());
        try (FileTailer t = new FileTailer(List.of(file.toString()), config, rec, rec)) {
            t.pollOnce();
            t.pollOnce();
            return "problems " + t.problems().stream().map(TailEvent::kind).toList() + ", reported "
                    + rec.count(TailEvent.Kind.PERMISSION_DENIED);
        }
    }
}
