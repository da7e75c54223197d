// Numbers, money, percentages and dates formatted with Intl for the chosen locale. Decimal strings go to
// Intl.NumberFormat as strings, which formats them exactly (no float conversion of a 25-digit premium).

const cache = new Map();

function numberFormat(locale, options) {
  const key = locale + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale, options));
  return cache.get(key);
}

/** A value in its indicator's unit: CNY as currency, ratios as percent, the rest as plain numbers. */
export function formatValue(value, indicator, locale) {
  if (value === null || value === undefined) return "—";
  const scale = indicator?.scale ?? 2;
  switch (indicator?.unit) {
    case "CNY":
      return numberFormat(locale, {
        style: "currency",
        currency: "CNY",
        minimumFractionDigits: Math.min(scale, 2),
        maximumFractionDigits: Math.min(scale, 2),
      }).format(value);
    case "ratio":
      return formatPercent(value, locale, Math.max(0, Math.min(scale - 2, 2)));
    default:
      return numberFormat(locale, { maximumFractionDigits: Math.min(scale, 2) }).format(value);
  }
}

export function formatPercent(value, locale, digits = 1) {
  if (value === null || value === undefined) return "—";
  return numberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatCount(value, locale) {
  if (value === null || value === undefined) return "—";
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** An ISO day (2026-03-20): a calendar date, formatted without any time-zone shift. */
export function formatDay(isoDay, locale, style = "medium") {
  if (!isoDay) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

export function formatShortDay(isoDay, locale) {
  return new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

export function formatMonth(isoDay, locale) {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

/** An instant shown in the tenant's zone (days and months are the tenant's, not the browser's). */
export function formatInstant(iso, locale, zone) {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: zone || "Asia/Shanghai",
  }).format(new Date(iso));
}

/**
 * The unit shown beside a plain number (CNY and ratios carry it in the number itself); nothing beside a
 * missing value when `value` is given as null.
 */
export function unitLabel(indicator, t, value) {
  const unit = indicator?.unit;
  if (value === null || !unit || unit === "CNY" || unit === "ratio") return "";
  return t(`units.${unit}`, unit);
}

export function addDays(isoDay, days) {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(isoDay, months) {
  const d = new Date(`${isoDay.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
