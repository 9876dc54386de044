package dev.nethergaze.enrich.net;

import java.time.Duration;
import java.util.Locale;

/** A timeout as said in a message: "10 s", "0.3 s" (whole seconds alone said "0 s" for 300 ms). */
public final class Seconds {

    private Seconds() {}

    public static String of(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
