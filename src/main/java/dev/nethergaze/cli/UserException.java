package dev.nethergaze.cli;

/** A mistake the user can fix (bad argument, missing file): printed as one line, exit code 2. */
final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }
}
