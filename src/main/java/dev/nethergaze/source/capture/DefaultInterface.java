package dev.nethergaze.source.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The interface of the IPv4 default route, read from {@code /proc/net/route} (no process started). */
public final class DefaultInterface {

    private DefaultInterface() {}

    /** The default-route interface, or "lo" when there is none (e.g. an isolated namespace). */
    public static String find(Path procRoot) {
        try {
            List<String> lines = Files.readAllLines(procRoot.resolve("net/route"), StandardCharsets.US_ASCII);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 7 && f[1].equals("00000000") && f[7].equals("00000000")) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // fall through to loopback
        }
        return "lo";
    }
}
