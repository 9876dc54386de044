package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PastFinding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * An IP's {@code findings[]} and {@code earlier_findings[]} for a series of documents (a {@code
 * watch}'s lines): each finding as the generator wrote it for the document before, when it is the same
 * object, else written anew. A finding that ended is the same object from one second to the next
 * while its episode's hold does not change, and an IP with new requests gets a new view each second
 * with the same findings: writing them anew was about a third of a watch's JSON thread at 10k lines/s
 * (bench/RESULTS-logs.md). One caller at a time; holds the bytes of the last document's findings only.
 */
final class FindingBytes {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private IdentityHashMap<Object, byte[]> last = new IdentityHashMap<>();
    private IdentityHashMap<Object, byte[]> now = new IdentityHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private JsonGenerator g; // one for all: each finding a value at its root, no separator between

    /** Findings written anew since made (tests). */
    long written;

    /**
     * Writes {@code findings} ({@link Finding}s, or {@link PastFinding}s each with when it ended) as a
     * JSON array to {@code raw}.
     */
    void array(List<?> findings, OutputStream raw) throws IOException {
        raw.write('[');
        for (int i = 0; i < findings.size(); i++) {
            if (i > 0) {
                raw.write(',');
            }
            raw.write(bytes(findings.get(i)));
        }
        raw.write(']');
    }

    /** Ends a document: only the findings it wrote are remembered for the next. */
    void documentDone() {
        IdentityHashMap<Object, byte[]> t = last;
        last = now;
        now = t;
        now.clear();
    }

    private byte[] bytes(Object finding) throws IOException {
        byte[] b = now.get(finding);
        if (b != null) {
            return b;
        }
        b = last.get(finding);
        if (b == null) {
            b = write(finding);
        }
        now.put(finding, b);
        return b;
    }

    private byte[] write(Object finding) throws IOException {
        if (g == null) {
            g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
        }
        out.reset();
        if (finding instanceof PastFinding p) {
            SnapshotJson.writeFinding(g, p.finding(), p.ended(), p.held());
        } else {
            SnapshotJson.writeFinding(g, (Finding) finding);
        }
        g.flush();
        written++;
        return out.toByteArray();
    }
}
