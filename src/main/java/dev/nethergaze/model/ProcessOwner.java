package dev.nethergaze.model;

/**
 * The process that holds a socket, found through its inode in {@code /proc/<pid>/fd}, or why none
 * could be named. An attributed owner has {@code unattributed == null}; an unattributed one has
 * {@code pid == 0} and an empty command.
 */
public record ProcessOwner(int pid, String command, Unattributed unattributed) {

    /** Why a socket has no owner. */
    public enum Unattributed {
        /** The kernel gives no inode (SYN_RECV request sockets, TIME_WAIT). */
        NO_INODE("no inode"),
        /** Other processes' fd tables may not be read (not root). */
        NOT_PERMITTED("not root"),
        /** A complete walk of the fd tables found no process holding it. */
        NOT_FOUND("not found"),
        /** New since the walk in progress started: the walk (bounded per poll) has not reached it yet. */
        PENDING("not resolved yet");

        private final String reason;

        Unattributed(String reason) {
            this.reason = reason;
        }

        /** The reason as shown to users and written to JSON. */
        public String reason() {
            return reason;
        }
    }

    public ProcessOwner {
        if (command == null) {
            throw new IllegalArgumentException("command must not be null");
        }
        if ((unattributed == null) == (pid <= 0)) {
            throw new IllegalArgumentException("an owner has a pid xor an unattributed reason");
        }
    }

    public static ProcessOwner of(int pid, String command) {
        return new ProcessOwner(pid, command, null);
    }

    public static ProcessOwner unattributed(Unattributed why) {
        return new ProcessOwner(0, "", why);
    }

    public boolean attributed() {
        return unattributed == null;
    }
}
