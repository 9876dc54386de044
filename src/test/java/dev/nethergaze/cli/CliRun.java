package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process, capturing stdout and stderr. Tests using it must not run in parallel. */
record CliRun(int exit, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The element of a JSON array (a document's {@code ips}, {@code sources}) whose {@code field} is {@code value}. */
    static JsonNode element(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(field + " " + value + " not in " + array.findValuesAsText(field));
    }

    /** The entry of {@code ip} in a snapshot's {@code ips}. */
    static JsonNode ip(JsonNode doc, String ip) {
        return element(doc.get("ips"), "ip", ip);
    }

    static synchronized CliRun of(String... args) {
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            int code = Main.run(args, new PrintWriter(err, true));
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(realOut);
        }
    }

    /**
     * As {@link #of}, with what the run writes to {@code System.err} (the sources' status lines, the
     * warnings printed before a live run's output) appended to {@link #err}.
     */
    static synchronized CliRun withStderr(String... args) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            System.setErr(ps);
            CliRun r = of(args);
            return new CliRun(r.exit(), r.out(), r.err() + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
        }
    }

    /** A step of a test around a run. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /**
     * As {@link #withStderr(String...)}, running {@code before} once System.err is captured and {@code
     * after} before it is given back (threads of the test's own that write to it meanwhile).
     */
    static synchronized CliRun withStderr(Step before, Step after, String... args) throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            System.setErr(ps);
            before.run();
            CliRun r = of(args);
            after.run();
            return new CliRun(r.exit(), r.out(), r.err() + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
        }
    }

    /** As {@link #of}, with a command line the test has set up (a command's field set). */
    static synchronized CliRun of(picocli.CommandLine cl, String... args) {
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            int code = cl.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(realOut);
        }
    }

    /**
     * Runs a command that prints through picocli's writers only (e.g. {@code ctl}), without touching
     * System.out: safe while another command runs in-process on another thread.
     */
    static CliRun isolated(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (java.io.IOException e) {
            throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
        }
    }
}
