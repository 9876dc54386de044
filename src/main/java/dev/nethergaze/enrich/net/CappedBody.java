package dev.nethergaze.enrich.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A body subscriber that collects at most {@code max} bytes and fails (cancelling the stream) beyond. */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long max;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(long max) {
        this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (buf.size() + (long) b.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(new IOException("reply larger than " + max + " bytes, abandoned"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buf.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buf.toByteArray());
    }
}
