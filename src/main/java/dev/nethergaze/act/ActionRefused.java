package dev.nethergaze.act;

/** An action nethergaze will not take, with a one-line reason (exit code 2 on the command line). */
public final class ActionRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActionRefused(String message) {
        super(message);
    }
}
