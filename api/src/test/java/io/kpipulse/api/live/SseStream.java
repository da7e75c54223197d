package io.kpipulse.api.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of a server-sent-events stream: reads it on its own thread and hands out parsed blocks
 * (events and comments) as they arrive, so a test waits for "the next event" with a deadline.
 */
final class SseStream implements AutoCloseable {

    /** One block: a comment (name "comment") or an event with its id and data. */
    record Block(String name, String id, String data) {}

    private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;
    final int status;

    private SseStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseStream open(String url, String lastEventId, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newHttpClient();
        return new SseStream(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next block within the timeout, or null. */
    Block next(Duration timeout) throws InterruptedException {
        return blocks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event (skipping comments) within the timeout, or null. */
    Block nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Block block = blocks.poll(left, TimeUnit.NANOSECONDS);
            if (block != null && !block.name().equals("comment")) {
                return block;
            }
        }
        return null;
    }

    /** Waits for the comment the server sends once the client is subscribed. */
    void awaitComment(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Block block = blocks.poll(left, TimeUnit.NANOSECONDS);
            if (block != null && block.name().equals("comment") && block.data().equals(text)) {
                return;
            }
        }
        throw new AssertionError("no ': " + text + "' comment within " + timeout);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            String id = null;
            List<String> data = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        blocks.add(new Block(name, id, String.join("\n", data)));
                    }
                    name = "message";
                    id = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    blocks.add(new Block("comment", null, line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
