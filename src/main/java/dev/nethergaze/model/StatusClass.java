package dev.nethergaze.model;

/** Maps an HTTP status to its class key as used in JSON ("2xx"...). */
public final class StatusClass {

    private static final String[] CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private StatusClass() {}

    public static String of(int status) {
        return status >= 100 && status <= 599 ? CLASSES[status / 100] : CLASSES[0];
    }
}
