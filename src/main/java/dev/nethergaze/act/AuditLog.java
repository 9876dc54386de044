package dev.nethergaze.act;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every executed action, one JSON object per line, appended: when, who (user and sudo user),
 * what (action, target, backend, argument arrays with exit codes) and why. Created mode 0600.
 */
public final class AuditLog {

    private static final JsonFactory JSON = new JsonFactory();

    /** One command as run. */
    public record Ran(List<String> argv, int exit, String message) {}

    private final Path file;
    private final Map<String, String> env;

    public AuditLog(Path file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    public Path file() {
        return file;
    }

    public void record(Instant when, String action, String target, String backend, String reason, List<Ran> ran) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", when.toString());
            g.writeStringField("user", System.getProperty("user.name", ""));
            g.writeStringField("sudo_user", env.getOrDefault("SUDO_USER", ""));
            g.writeStringField("ssh_connection", env.getOrDefault("SSH_CONNECTION", ""));
            g.writeStringField("action", action);
            g.writeStringField("target", target);
            g.writeStringField("backend", backend);
            g.writeStringField("reason", reason);
            g.writeArrayFieldStart("commands");
            for (Ran r : ran) {
                g.writeStartObject();
                g.writeArrayFieldStart("argv");
                for (String a : r.argv()) {
                    g.writeString(a);
                }
                g.writeEndArray();
                g.writeNumberField("exit", r.exit());
                g.writeStringField("message", r.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        append(w + "\n");
    }

    private void append(String line) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getReason() // "Is a directory", not the path again
                    : e.getMessage();
            throw new UncheckedIOException("cannot write audit log " + file + ": " + why, e);
        }
    }
}
