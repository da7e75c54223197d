// The last N DAY values of one subject, one request per day through the values route (there is no
// history route yet; when one lands, this function is the one place to change).
import { limited } from "./pool.js";
import { addDays } from "./format.js";

export async function dayHistory(api, indicator, subjectType, subjectId, endDay, days = 30) {
  const dates = Array.from({ length: days }, (_, i) => addDays(endDay, i - days + 1));
  return Promise.all(
    dates.map((date) =>
      limited(() =>
        api
          .values({ indicator, window: "DAY", date, subjectType, subjectId })
          .then((body) => ({ date, row: body.values[0] ?? null }))
          .catch(() => ({ date, row: null })),
      ),
    ),
  );
}
