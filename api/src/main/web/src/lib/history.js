// The last N DAY values of one subject, in one request to the history route (one point per day, a null
// value where nothing was counted); a failed request leaves the sparkline empty, never the page broken.
import { limited } from "./pool.js";
import { addDays } from "./format.js";

export async function dayHistory(api, indicator, subjectType, subjectId, endDay, days = 30) {
  const from = addDays(endDay, 1 - days);
  try {
    const body = await limited(() =>
      api.history(subjectType, subjectId, { indicator, window: "DAY", from, to: endDay, step: "DAY" }),
    );
    return body.points.map((point) => ({ date: point.date, row: point.value === null ? null : point }));
  } catch {
    return Array.from({ length: days }, (_, i) => ({ date: addDays(endDay, i - days + 1), row: null }));
  }
}
