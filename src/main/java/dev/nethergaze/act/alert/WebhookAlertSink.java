package dev.nethergaze.act.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP POST of the alert JSON; retries with exponential backoff on errors and non-2xx answers. */
public final class WebhookAlertSink implements AlertSink {

    private final URI url;
    private final HttpClient client;
    private final int retries;
    private final Duration backoff;

    public WebhookAlertSink(URI url, int retries, Duration backoff) {
        this.url = url;
        this.retries = retries;
        this.backoff = backoff;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String name() {
        return "webhook:" + url.getHost();
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "nethergaze")
                .POST(HttpRequest.BodyPublishers.ofString(alert.json()))
                .build();
        String last = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
            }
            try {
                HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
        }
        throw new IOException("webhook " + url.getHost() + ": gave up after " + (retries + 1) + " attempts: " + last);
    }
}
