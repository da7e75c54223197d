package io.kpipulse.api.live;

import io.javalin.http.sse.SseClient;

/** Where one client's events are written: its SSE connection, or a hand-written fake in tests. */
interface EventSink {

    /** Writes one event; may block while the client's network is slow. */
    void event(String name, String data, String id);

    void comment(String text);

    void close();

    boolean terminated();

    /** Who this is, for the log line when a client is dropped. */
    String describe();

    static EventSink of(SseClient client) {
        return new EventSink() {
            @Override
            public void event(String name, String data, String id) {
                client.sendEvent(name, data, id);
            }

            @Override
            public void comment(String text) {
                client.sendComment(text);
            }

            @Override
            public void close() {
                client.close();
            }

            @Override
            public boolean terminated() {
                return client.terminated();
            }

            @Override
            public String describe() {
                return client.ctx().ip();
            }
        };
    }
}
