// Shared by the overview and the department page: month-to-date rows, their status, and sparklines
// loaded only when a tile scrolls into view.
import { reactive } from "vue";
import { dayHistory } from "./history.js";
import { levels, status } from "./status.js";

export function tileStatus(indicator, row, subjectType, departmentId) {
  return status(row?.attainment, levels(indicator, "MONTH_TO_DATE", subjectType, departmentId));
}

/** Sparklines of the last 30 DAY values, keyed by indicator id; `request` is idempotent. */
export function createSparks(ctx, subjectType, subjectId) {
  const sparks = reactive({});
  const requested = new Set();
  sparks.request = (indicator) => {
    if (requested.has(indicator.id) || !indicator.windows.includes("DAY") || !subjectId) return;
    requested.add(indicator.id);
    dayHistory(ctx.api, indicator.id, subjectType, subjectId, ctx.date).then((days) => {
      sparks[indicator.id] = days.map(({ date, row }) => ({ date, value: row?.value ?? null, row }));
    });
  };
  /** A live DAY change of this subject moves today's point. */
  sparks.apply = (change) => {
    const series = sparks[change.indicator];
    if (!series || change.window !== "DAY" || change.subjectId !== subjectId) return;
    const point = series.find((p) => p.date === change.windowStart);
    if (point && (point.row?.version ?? -1) < change.version) {
      point.value = change.value;
      point.row = { ...(point.row ?? {}), version: change.version, value: change.value };
    }
  };
  return sparks;
}

/** Calls `visible(id)` once for each element with data-indicator the first time it is on screen. */
export function observeTiles(container, visible) {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        visible(entry.target.dataset.indicator);
        observer.unobserve(entry.target);
      }
    }
  });
  for (const el of container.querySelectorAll("[data-indicator]")) observer.observe(el);
  return observer;
}
