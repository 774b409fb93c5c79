// Median and spread of repeated measurements.

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
