// Times far outside the others' span: one row dated a year off stretches a three-day plan
// to a year. The last (or first) few times are outliers when the gap between them and the
// rest is more than a week and more than five times the span of the rest; at most one time
// in fifty (and at least one) is set aside so. Pure.

export const OUTLIER_MIN_GAP_MINUTES = 7 * 1440;
const SPAN_FACTOR = 5;

/** Indexes (into `times`) of the outliers; `undefined` entries are ignored. */
export function findOutliers(times: readonly (number | undefined)[]): Set<number> {
  const order = times
    .map((t, i) => ({ t, i }))
    .filter((x): x is { t: number; i: number } => x.t !== undefined)
    .sort((a, b) => a.t - b.t);
  const out = new Set<number>();
  const limit = Math.max(1, Math.floor(order.length / 50));
  const at = (k: number) => (order[k] as { t: number }).t;
  const far = (gap: number, restSpan: number) =>
    gap > OUTLIER_MIN_GAP_MINUTES && gap > SPAN_FACTOR * restSpan;
  let low = 0;
  let high = order.length - 1;
  // The last k times, set apart from the rest by a gap (k ≤ limit: a few may be off together).
  for (let k = 1; k <= limit && high - k >= low + 1; k++) {
    if (far(at(high - k + 1) - at(high - k), at(high - k) - at(low))) {
      for (let j = 0; j < k; j++) out.add((order[high - j] as { i: number }).i);
      high -= k;
      break;
    }
  }
  for (let k = 1; k <= limit - out.size && low + k <= high - 1; k++) {
    if (far(at(low + k) - at(low + k - 1), at(high) - at(low + k))) {
      for (let j = 0; j < k; j++) out.add((order[low + j] as { i: number }).i);
      low += k;
      break;
    }
  }
  return out;
}
