package io.kpipulse.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The part of Flink's REST API an operator uses to run the engine on a session cluster: upload the application
 * jar, run it with program arguments (optionally from a savepoint), follow it, stop it with a savepoint, cancel
 * it. Used by the local stack's {@code --flink-cluster} mode and by the cluster's integration test.
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestClient(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String url() {
        return url;
    }

    /** {@code POST /jars/upload}: returns the jar id that {@link #run} takes. */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "kpi-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        String file = send(request).get("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * {@code POST /jars/:id/run}: the jar's main class runs in the JobManager with these program arguments, from
     * {@code savepointPath} when not null (a savepoint or a retained checkpoint); returns the job id.
     */
    public String run(String jarId, List<String> programArgs, String savepointPath)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("programArgsList")
                .addAll(programArgs.stream()
                        .map(JSON.getNodeFactory()::textNode)
                        .toList());
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
        }
        return send(post("/jars/" + jarId + "/run", body)).get("jobid").asText();
    }

    /** {@code GET /jobs/:id}: state, vertices, task status counts. */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return job(jobId).get("state").asText();
    }

    /** {@code GET /jobs/:id/checkpoints}: completed and restored counts, the latest restore's path. */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /**
     * {@code POST /jobs/:id/stop} without drain (windows stay open, to be resumed): waits for the savepoint and
     * returns its location.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        String trigger =
                send(post("/jobs/" + jobId + "/stop", body)).get("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.get("status").get("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.get("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("stop with savepoint failed: " + operation.get("failure-cause"));
                }
                return operation.get("location").asText();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IOException("savepoint of job " + jobId + " not completed within " + timeout);
    }

    /** {@code PATCH /jobs/:id?mode=cancel}; its last checkpoint stays (retained on cancellation). */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Whether the cluster's REST API answers at all. */
    public boolean reachable() {
        try {
            get("/overview");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest post(String path, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET().build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String body = response.body();
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
