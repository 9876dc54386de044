package dev.nethergaze.act.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each alert as one JSON line to a file. */
public final class JsonlAlertSink implements AlertSink {

    private final Path file;

    public JsonlAlertSink(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "jsonl:" + file;
    }

    @Override
    public void send(Alert alert) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(
                file,
                alert.json() + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
