package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The shipped jar's {@code replay -}: a log piped in (plain or gzip) is read once, every line of it. */
class ReplayStdinIT {

    private static byte[] log(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) { // ~40 KB: more than the 32 KB the kind is told apart by
            b.append("203.0.113.")
                    .append(i % 200)
                    .append(" - - [10/Mar/2025:12:")
                    .append(String.format("%02d:%02d", i / 60 % 60, i % 60))
                    .append(" +0000] \"GET /p")
                    .append(i)
                    .append(" HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode replayStdin(byte[] input) throws Exception {
        Process p = new ProcessBuilder(ShippedJar.command(List.of(), "replay", "--json", "-"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new ObjectMapper().readTree(out);
    }

    @Test
    void aPipedLogLosesNoLine() throws Exception {
        JsonNode doc = replayStdin(log(500));
        assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(500);
        assertThat(doc.get("sources").get(0).get("detail").asText()).isEqualTo("access: 500 lines, 500 events");
    }

    @Test
    void aPipedGzipIsUnpacked() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(gz)) {
            z.write(log(500));
        }
        assertThat(replayStdin(gz.toByteArray()).get("totals").get("requests").asLong())
                .isEqualTo(500);
    }
}
