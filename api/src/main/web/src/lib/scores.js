// Formatting shared by the scorecard views: points and money arrive as decimal strings ("93.00",
// "7440.00") and are formatted from the string, never through a binary float.
import { formatValue } from "./format.js";

const POINTS = { scale: 2 };
const CNY = { unit: "CNY", scale: 2 };

export function points(value, locale) {
  return formatValue(value, POINTS, locale);
}

export function money(value, locale) {
  return formatValue(value, CNY, locale);
}

/** The month (2026-03) of an ISO day: the scoring period a dashboard day falls in. */
export function month(isoDay) {
  return isoDay ? isoDay.slice(0, 7) : undefined;
}
