// Status colour of a value from the catalog's warn / critical attainment levels. The engine writes
// attainment so that 1 means "on target" whatever the direction; the levels come from the target rule in
// effect for the window, subject type and department (the most specific rule wins).

function specificity(rule) {
  return (rule.window ? 1 : 0) + (rule.subjectType ? 1 : 0) + (rule.departmentId ? 2 : 0);
}

export function levels(indicator, window, subjectType, departmentId) {
  const rules = (indicator?.currentTargets ?? []).filter(
    (r) =>
      (!r.window || r.window === window) &&
      (!r.subjectType || r.subjectType === subjectType) &&
      (!r.departmentId || r.departmentId === departmentId),
  );
  rules.sort((a, b) => specificity(b) - specificity(a));
  const rule = rules[0];
  return rule ? { warn: rule.warnAttainment, critical: rule.criticalAttainment, weight: rule.weight } : {};
}

/** "critical", "warn", "ok", or "none" (no attainment, or the catalog sets no levels). */
export function status(attainment, { warn, critical }) {
  if (attainment === null || attainment === undefined) return "none";
  if (warn == null && critical == null) return "none";
  const a = Number(attainment);
  if (critical != null && a < Number(critical)) return "critical";
  if (warn != null && a < Number(warn)) return "warn";
  return "ok";
}
