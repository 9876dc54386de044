package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceStatus;

/**
 * What journalctl said on stderr: the notices that mean the source sees nothing it should (as a
 * status), and the last other line (for an exit's message).
 */
final class StderrNotes {
    SourceStatus status = SourceStatus.OK;
    String detail;
    String last;

    void line(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return;
        }
        if (s.contains("not seeing messages from other users")) {
            note(
                    SourceStatus.PERMISSION_DENIED,
                    "journalctl shows this user only its own entries, not sshd's: run as root, or add the"
                            + " user to the group systemd-journal (or adm)");
        } else if (s.contains("insufficient permissions")) {
            note(SourceStatus.PERMISSION_DENIED, "journalctl: " + s + " (run as root, or join systemd-journal)");
        } else if (s.startsWith("No journal files were found")) {
            note(SourceStatus.MISSING, "journalctl: no journal files on this host (no persistent or runtime journal)");
        } else if (!s.startsWith("Users in groups") && !s.startsWith("Pass -q")) {
            last = s; // the hint's continuation lines say nothing new
        }
    }

    private void note(SourceStatus s, String d) {
        if (status == SourceStatus.OK) { // the first notice is the cause; what follows repeats it
            status = s;
            detail = d;
        }
    }
}
