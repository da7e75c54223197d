package io.kpipulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine benchmark's job on a standalone Flink session cluster (deploy/flink-cluster) instead of a MiniCluster:
 * the application jar uploaded and run over Flink's REST API with the settings as {@code --key=value} program
 * arguments, exactly as an operator submits it. {@link EngineJobMain} prints its started marker once the cluster
 * has accepted the job and cancels the job when the bench stops it.
 *
 * <p>A few REST calls of its own rather than deploy/stack's {@code FlinkRestClient}: the stack module depends on
 * jobs, so jobs' tests cannot depend on it; the answers are read with patterns, not a JSON library, for the same
 * reason (jobs relocates its Jackson).
 */
final class SessionClusterJob {

    private static final Pattern FILENAME = Pattern.compile("\"filename\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JOB_ID = Pattern.compile("\"jobid\"\\s*:\\s*\"([0-9a-f]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SessionClusterJob(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Uploads {@code jar}, runs it with {@code settings} (from {@code savepoint} when not null); the job id. */
    String submit(Path jar, Map<String, String> settings, String savepoint) throws IOException, InterruptedException {
        String boundary = "kpi-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String uploaded = send(HttpRequest.newBuilder(URI.create(url + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
        String file = first(FILENAME, uploaded, "upload");
        String jarId = file.substring(file.lastIndexOf('/') + 1);
        StringBuilder body = new StringBuilder("{\"programArgsList\":[");
        List<String> args = settings.entrySet().stream()
                .map(e -> json("--" + e.getKey() + "=" + e.getValue()))
                .toList();
        body.append(String.join(",", args)).append(']');
        if (savepoint != null) {
            body.append(",\"savepointPath\":").append(json(savepoint));
        }
        body.append('}');
        String ran = send(HttpRequest.newBuilder(URI.create(url + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        return first(JOB_ID, ran, "run");
    }

    String state(String jobId) throws IOException, InterruptedException {
        return first(
                STATE,
                send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + jobId))
                        .GET()
                        .build()),
                "job state");
    }

    void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(request.method() + " " + request.uri() + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String first(Pattern p, String body, String what) throws IOException {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected " + what + " answer from the Flink REST API: " + body);
        }
        return m.group(1);
    }

    private static String json(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
