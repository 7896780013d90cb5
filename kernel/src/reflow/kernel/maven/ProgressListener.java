package reflow.kernel.maven;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;

/**
 * Turns the resolver's transfer events into one line of text (file being fetched, files and bytes so far),
 * at most every {@code intervalMillis}; the caller shows it in place. Events come from the resolver's
 * download threads, hence the atomics.
 */
final class ProgressListener extends AbstractTransferListener {
    private final Consumer<String> sink;
    private final long intervalNanos;
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastShown = new AtomicLong(System.nanoTime());

    ProgressListener(Consumer<String> sink, long intervalMillis) {
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    int files() {
        return files.get();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        bytes.addAndGet(event.getDataLength());
        maybeShow(event, false);
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            files.incrementAndGet();
        }
        maybeShow(event, true);
    }

    private void maybeShow(TransferEvent event, boolean done) {
        long now = System.nanoTime();
        long last = lastShown.get();
        if (now - last < intervalNanos || !lastShown.compareAndSet(last, now)) {
            return;
        }
        String name = event.getResource().getResourceName();
        name = name.substring(name.lastIndexOf('/') + 1);
        long length = event.getResource().getContentLength();
        String size = length > 0 ? " (" + human(length) + ")" : "";
        sink.accept((done ? "Downloaded " : "Downloading ") + name + size + " from "
                + event.getResource().getRepositoryId() + ": " + files.get() + " files, " + human(bytes.get()) + " so far");
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f kB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
