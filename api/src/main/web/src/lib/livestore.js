// One live connection per tenant, shared by every page: pages subscribe with onLive and patch their own
// rows in place when a newer version of a value arrives.
import { reactive } from "vue";
import { connectLive } from "./live.js";

export const liveState = reactive({ status: "idle", received: 0, lastAt: null });
const listeners = new Set();
let connection = null;
let connectedTenant = null;

export function startLive(tenant) {
  if (connectedTenant === tenant) return;
  connection?.close();
  connectedTenant = tenant;
  connection = connectLive(tenant, {
    onStatus: (s) => (liveState.status = s),
    onChange: (change) => {
      liveState.received++;
      liveState.lastAt = new Date();
      for (const listener of listeners) listener(change);
    },
  });
}

export function onLive(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Copies a change onto a row of the same subject and window when it is newer; true when it did. */
export function applyChange(row, change) {
  if (!row || row.subjectId !== change.subjectId || row.subjectType !== change.subjectType) return false;
  if (row.windowStart && row.windowStart !== change.windowStart) return false;
  if (row.version != null && change.version <= row.version) return false;
  Object.assign(row, {
    value: change.value,
    target: change.target,
    attainment: change.attainment,
    numerator: change.numerator,
    denominator: change.denominator,
    eventCount: change.eventCount,
    version: change.version,
    windowStart: change.windowStart,
    windowEnd: change.windowEnd,
    flash: Date.now(),
  });
  return true;
}
