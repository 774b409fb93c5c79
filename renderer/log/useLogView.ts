/** The rows of one server's log that pass the filter, recomputed at most once per frame. */
import { useMemo, useSyncExternalStore } from 'react';
import type { StatusClass } from '../../shared/log.js';
import type { LogRow, LogStore, ServerLog } from './log-store.js';
import { withDividers, type LogEntry } from './view-with-dividers.js';

export const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];

export interface LogFilter {
  text: string;
  /** Status classes to show; all of them when nothing is unticked. */
  shown: Record<StatusClass, boolean>;
}

export const ALL_STATUSES: Record<StatusClass, boolean> = {
  '1xx': true,
  '2xx': true,
  '3xx': true,
  '4xx': true,
  '5xx': true,
  none: true,
};

export interface LogView {
  /** Entries in view: the rows that pass the filter, and the restart dividers among them. */
  length: number;
  at(index: number): LogEntry | undefined;
  /** Rows (requests) that pass the filter. */
  matched: number;
  /** Rows in the buffer before filtering. */
  total: number;
  /** Rows that fell off the front of the buffer since the last clear. */
  evicted: number;
  dropped: number;
  log: ServerLog;
}

function isFiltering(filter: LogFilter): boolean {
  return filter.text.trim() !== '' || STATUS_CLASSES.some((c) => !filter.shown[c]);
}

export function useLogView(store: LogStore, serverId: string, filter: LogFilter): LogView {
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  return useMemo(() => {
    void version; // the buffer is mutable: the version says it changed
    const log = store.log(serverId);
    const rows = log.rows;
    const common = { total: rows.length, evicted: rows.evicted, dropped: store.droppedTotal, log };
    const oldestSeq = rows.at(0)?.seq ?? Infinity;
    if (!isFiltering(filter)) {
      const entries = withDividers(rows, log.dividers, oldestSeq);
      return {
        ...common,
        matched: rows.length,
        length: entries.length,
        at: (i: number) => entries.at(i),
      };
    }
    const needle = filter.text.trim().toLowerCase();
    const matches: LogRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows.at(i);
      if (!row || !filter.shown[row.statusClass]) continue;
      if (needle !== '' && !row.haystack.includes(needle)) continue;
      matches.push(row);
    }
    const entries = withDividers(
      { length: matches.length, at: (i: number) => matches[i] },
      log.dividers,
      oldestSeq,
    );
    return {
      ...common,
      matched: matches.length,
      length: entries.length,
      at: (i: number) => entries.at(i),
    };
  }, [store, serverId, filter, version]);
}
