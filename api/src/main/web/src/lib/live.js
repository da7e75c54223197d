// Server-sent events over fetch rather than EventSource: EventSource cannot send the Authorization
// header. Reconnects with Last-Event-ID so the server can replay what was missed while away.
import { authHeaders, markUnauthorized } from "./api.js";

const RETRY_MS = 1000;

export function connectLive(tenant, { onChange, onStatus }) {
  let stopped = false;
  let controller = null;
  let lastEventId = null;

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = authHeaders({ Accept: "text/event-stream" });
        if (lastEventId) headers["Last-Event-ID"] = lastEventId;
        const response = await fetch(`/api/v1/tenants/${encodeURIComponent(tenant)}/live`, {
          headers,
          signal: controller.signal,
          cache: "no-store",
        });
        if (response.status === 401) {
          markUnauthorized();
          onStatus("unauthorized");
          return;
        }
        if (!response.ok || !response.body) throw new Error(`live: HTTP ${response.status}`);
        onStatus("open");
        await readEvents(response.body, (event) => {
          if (event.id) lastEventId = event.id;
          if (event.type === "value") onChange(JSON.parse(event.data));
        });
      } catch (e) {
        if (stopped) return;
      }
      onStatus("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  run();
  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}

/** Parses the text/event-stream format: blocks separated by a blank line; ':' lines are comments. */
export async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer = (buffer + value).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: "message", data: "", id: null };
      const data = [];
      for (const line of block.split("\n")) {
        if (line === "" || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event.type = text;
        else if (field === "data") data.push(text);
        else if (field === "id") event.id = text;
      }
      if (data.length > 0) {
        event.data = data.join("\n");
        dispatch(event);
      }
    }
  }
}
