// The alert panel's data: the caller's alerts (one per rule and group, its newest transition) from
// GET …/alerts/events, kept current by GET …/alerts/stream (server-sent events over fetch, like the value
// feed, because EventSource cannot send the Authorization header). The API scopes both to the caller.
import { authHeaders, getJson, markUnauthorized } from "./api.js";
import { readEvents } from "./live.js";

const RETRY_MS = 1000;

/** The panel's status of a transition kind: FIRING firing, PENDING pending, RESOLVED / CLEARED resolved. */
export function alertStatus(kind) {
  if (kind === "FIRING") return "firing";
  if (kind === "PENDING") return "pending";
  return "resolved";
}

/**
 * One alert per rule and group, newest transition first: a newer sequence replaces an older one, the same
 * sequence read again brings its acknowledgements (the stream's transitions have none).
 */
export function foldTransitions(alerts, transitions) {
  const byKey = new Map(alerts.map((a) => [`${a.ruleId}|${a.groupId}`, a]));
  for (const t of transitions) {
    const key = `${t.ruleId}|${t.groupId}`;
    const known = byKey.get(key);
    if (!known || t.sequence > known.sequence) {
      byKey.set(key, { acknowledgedBy: [], ...t, status: alertStatus(t.kind) });
    } else if (t.sequence === known.sequence && t.acknowledgedBy) {
      byKey.set(key, { ...known, acknowledgedBy: t.acknowledgedBy });
    }
  }
  return [...byKey.values()].sort((a, b) => b.eventTime - a.eventTime || b.sequence - a.sequence);
}

export function alertApi(tenant) {
  const base = `/api/v1/tenants/${encodeURIComponent(tenant)}/alerts`;
  const e = encodeURIComponent;
  return {
    events: () => getJson(`${base}/events`, { limit: 500 }),
    async acknowledge(alert, note) {
      const response = await fetch(
        `${base}/events/${e(alert.ruleId)}/${e(alert.groupId)}/${alert.sequence}/acknowledge`,
        {
          method: "POST",
          headers: authHeaders({ "Content-Type": "application/json", Accept: "application/json" }),
          body: JSON.stringify({ note }),
        },
      );
      if (response.status === 401) markUnauthorized();
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new Error(body?.error?.message ?? response.statusText);
      }
    },
    /** Calls onTransition for every transition the stream sends until close(); onStatus with open / reconnecting. */
    stream({ onTransition, onStatus }) {
      let stopped = false;
      let controller = null;
      (async () => {
        while (!stopped) {
          controller = new AbortController();
          try {
            const response = await fetch(`${base}/stream`, {
              headers: authHeaders({ Accept: "text/event-stream" }),
              signal: controller.signal,
              cache: "no-store",
            });
            if (response.status === 401) {
              markUnauthorized();
              onStatus("unauthorized");
              return;
            }
            if (!response.ok || !response.body) throw new Error(`alerts: HTTP ${response.status}`);
            onStatus("open");
            await readEvents(response.body, (event) => {
              if (event.type === "alert") onTransition(JSON.parse(event.data));
            });
          } catch (err) {
            if (stopped) return;
          }
          onStatus("reconnecting");
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      })();
      return {
        close() {
          stopped = true;
          controller?.abort();
        },
      };
    },
  };
}
