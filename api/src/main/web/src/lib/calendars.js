// The tenant's working-day calendars: the tenants file's days of a year and the versions HR published over
// it (GET), and publishing the whole year as the next version (POST, HR and administrators).
import { authHeaders, getJson, markUnauthorized } from "./api.js";

export function calendarApi(tenant) {
  const base = (year) => `/api/v1/tenants/${encodeURIComponent(tenant)}/calendars/${year}/versions`;
  return {
    versions: (year) => getJson(base(year)),
    async publish(year, holidays, makeUpWorkdays) {
      const response = await fetch(base(year), {
        method: "POST",
        headers: authHeaders({ "Content-Type": "application/json", Accept: "application/json" }),
        body: JSON.stringify({ holidays, makeUpWorkdays }),
      });
      const body = await response.json().catch(() => null);
      if (response.status === 401) markUnauthorized(body?.error?.message);
      if (!response.ok) throw new Error(body?.error?.message ?? response.statusText);
      return body;
    },
  };
}

/** The days in force for the year: the newest published version's, or the file's when none is. */
export function daysInForce(answer) {
  const published = (answer?.versions ?? []).filter((v) => v.published);
  const newest = published[published.length - 1];
  return newest
    ? { holidays: newest.holidays, makeUpWorkdays: newest.makeUpWorkdays, version: newest.version }
    : {
        holidays: answer?.file.holidays ?? [],
        makeUpWorkdays: answer?.file.makeUpWorkdays ?? [],
        version: null,
      };
}

/** ISO days typed one per line, or separated by commas or spaces; blank entries dropped. */
export function parseDays(text) {
  return text
    .split(/[\s,，、]+/)
    .map((d) => d.trim())
    .filter((d) => d !== "");
}
