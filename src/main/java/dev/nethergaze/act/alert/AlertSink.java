package dev.nethergaze.act.alert;

/** Where alerts go. {@link #send} may block (it runs on the dispatcher's worker, never the engine). */
public interface AlertSink {

    String name();

    /** Delivers one alert; throws when it could not (the dispatcher counts and moves on). */
    void send(Alert alert) throws Exception;
}
