package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import java.io.IOException;
import java.util.List;

/**
 * The fields of {@code explain --json} (and of the control socket's {@code explain} reply): {@code
 * ip, seen, geo} (or {@code addresses} for a prefix), {@code findings, earlier_findings}.
 */
public final class ExplainJson {

    private ExplainJson() {}

    /**
     * @param view one IP's view in the report, null when it is not seen or for a prefix ("not seen"
     *     and "seen, nothing wrong" differ; a seen IP's {@code geo} follows)
     * @param addresses for a prefix, its addresses in the report; null for one IP
     */
    public static void writeFields(
            JsonGenerator g,
            String ip,
            IpView view,
            List<Finding> findings,
            List<PastFinding> earlier,
            List<String> addresses)
            throws IOException {
        g.writeStringField("ip", ip);
        g.writeBooleanField("seen", addresses != null ? !addresses.isEmpty() : view != null);
        if (addresses == null) {
            EnrichmentJson.writeGeo(g, view == null ? null : view.geo());
        } else {
            g.writeArrayFieldStart("addresses");
            for (String a : addresses) {
                g.writeString(a);
            }
            g.writeEndArray();
        }
        SnapshotJson.writeFindings(g, "findings", findings);
        g.writeArrayFieldStart("earlier_findings");
        for (PastFinding p : earlier) {
            SnapshotJson.writeFinding(g, p.finding(), p.ended(), p.held());
        }
        g.writeEndArray();
    }
}
