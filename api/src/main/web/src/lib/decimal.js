// Exact arithmetic on the API's decimal strings ("12345.60"): differences and comparisons that decide
// what is shown must not go through binary floats.

function parse(text) {
  const negative = text.startsWith("-");
  const digits = negative ? text.slice(1) : text;
  const [whole, fraction = ""] = digits.split(".");
  return { units: BigInt((negative ? "-" : "") + (whole || "0") + fraction), scale: fraction.length };
}

function align(a, b) {
  const scale = Math.max(a.scale, b.scale);
  const up = (x) => x.units * 10n ** BigInt(scale - x.scale);
  return [up(a), up(b), scale];
}

function render(units, scale) {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
  return (negative ? "-" : "") + digits;
}

/** a − b, exactly; null when either is null. */
export function subtract(a, b) {
  if (a == null || b == null) return null;
  const [x, y, scale] = align(parse(a), parse(b));
  return render(x - y, scale);
}

/** -1, 0 or 1; null values sort last whatever the direction (callers handle that). */
export function compare(a, b) {
  const [x, y] = align(parse(a), parse(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sign(a) {
  return a == null ? 0 : compare(a, "0");
}

/**
 * Best first by the indicator's direction, equal values share a rank (1, 2, 2, 4), undefined values last
 * with rank null: the same rule as the API's ranking, so a live update re-ranks a table the same way.
 */
export function rerank(rows, direction) {
  const better = direction === "LOWER_IS_BETTER" ? 1 : -1;
  rows.sort((a, b) => {
    if (a.value == null || b.value == null) return (a.value == null) - (b.value == null);
    return better * compare(a.value, b.value);
  });
  rows.forEach((row, i) => {
    if (row.value == null) row.rank = null;
    else if (i > 0 && rows[i - 1].value != null && compare(rows[i - 1].value, row.value) === 0)
      row.rank = rows[i - 1].rank;
    else row.rank = i + 1;
  });
  return rows;
}
