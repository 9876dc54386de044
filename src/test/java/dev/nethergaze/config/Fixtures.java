package dev.nethergaze.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/** Test fixtures under src/test/resources/config and a loader call with nothing else set. */
final class Fixtures {

    private Fixtures() {}

    static Path file(String name) {
        URL url = Fixtures.class.getResource("/config/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Config loadFile(String name, Path home) {
        return ConfigLoader.load(file(name), Map.of(), Map.of(), home);
    }
}
