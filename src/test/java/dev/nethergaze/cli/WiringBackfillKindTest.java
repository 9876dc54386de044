package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.config.Config;
import dev.nethergaze.source.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --since}'s backfill names each file by the kind it was given as: a rotated auth log it
 * cannot read (xz) is an auth log in what it prints. Before, a file whose first lines could not be
 * read was an access log by default: "auth.log.1.xz: error: access: 0 lines, 0 events; … xz-compressed".
 */
class WiringBackfillKindTest {

    @TempDir
    Path home;

    @Test
    void anUnreadableRotatedAuthLogIsCalledAnAuthLog() throws Exception {
        Path access = Files.writeString(home.resolve("access.log"), "");
        Path auth = Files.writeString(home.resolve("auth.log"), "");
        Path xz = home.resolve("auth.log.1.xz");
        Files.write(xz, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 1, 2});
        Path accessXz = home.resolve("access.log.1.xz");
        Files.write(accessXz, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 3, 4, 5});
        Config c = LogsOnlyConfig.of(home, access, auth, Map.of("general.backfill_seconds", "3600"));
        List<String> said = new CopyOnWriteArrayList<>(); // each file is read, and reported, on a thread of its own
        Source backfill =
                Wiring.liveSources(c, InstantSource.system(), (n, s, d) -> said.add(n + ": " + d), true).stream()
                        .filter(s -> s.name().equals("backfill"))
                        .findFirst()
                        .orElseThrow();
        backfill.run(e -> {});
        assertThat(said)
                .containsExactlyInAnyOrder(
                        xz + ": auth: 0 lines, 0 events; " + xz
                                + ": xz-compressed, which replay does not unpack: xzcat " + xz
                                + " | nethergaze replay -",
                        accessXz + ": access: 0 lines, 0 events; " + accessXz
                                + ": xz-compressed, which replay does not unpack: xzcat " + accessXz
                                + " | nethergaze replay -");
        // access and auth logs from the same moment are one window, not "(2 since …, 2 since …)"
        assertThat(backfill.health().detail()).startsWith("4 files, 0 events since ");
    }
}
