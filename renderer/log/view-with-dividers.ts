/**
 * The log's rows with the restart dividers placed among them, without copying the rows:
 * the dividers are few, so each is given its index in the view once (a binary search by
 * seq), and `at(i)` finds whether i is a divider by a binary search over those indexes.
 */
import type { LogRow } from './log-store.js';
import type { LogDivider } from './restart-divider.js';

export type LogEntry = LogRow | LogDivider;

export interface RowList {
  length: number;
  at(index: number): LogRow | undefined;
}

export interface EntryList {
  length: number;
  at(index: number): LogEntry | undefined;
}

/** The first index whose row has a seq above `seq` (rows are in seq order). */
function firstAfter(rows: RowList, seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows.at(mid)?.seq ?? Infinity) > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * `rows` (all of a server's rows, or those the filter kept) with each divider after the
 * rows of the run before it. A divider whose row left the buffer (`oldestSeq`) is left out:
 * it no longer divides anything.
 */
export function withDividers(
  rows: RowList,
  dividers: readonly LogDivider[],
  oldestSeq: number,
): EntryList {
  const shown: LogDivider[] = [];
  const positions: number[] = [];
  for (const divider of dividers) {
    if (divider.afterSeq < oldestSeq) continue;
    positions.push(firstAfter(rows, divider.afterSeq) + shown.length);
    shown.push(divider);
  }
  if (shown.length === 0) return rows;
  return {
    length: rows.length + shown.length,
    at(index: number): LogEntry | undefined {
      // How many dividers stand before `index`, and whether one stands at it.
      let lo = 0;
      let hi = positions.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (positions[mid]! < index) lo = mid + 1;
        else hi = mid;
      }
      if (positions[lo] === index) return shown[lo];
      return rows.at(index - lo);
    },
  };
}
