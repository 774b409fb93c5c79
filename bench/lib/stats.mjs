// Statistics of measurements: median and spread of repeated rounds, quantiles of samples,
// the trend of a series. Types for the TypeScript benches: stats.d.mts.

/** Median of the finite numbers in `values`, or null when there are none. */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** (max - min) / median, as a fraction: 0.05 means the rounds spread over 5% of the median. */
export function spread(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  const mid = median(finite);
  if (mid === null || mid === 0 || finite.length < 2) return null;
  return (Math.max(...finite) - Math.min(...finite)) / mid;
}

/** The q-quantile (0..1) of `values` by the nearest-rank rule, or null when empty. */
export function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Least-squares slope of y over x for `points` of { x, y }, or null with fewer than 3. */
export function slope(points) {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}
