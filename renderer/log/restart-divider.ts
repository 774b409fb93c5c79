/**
 * The divider row a restart puts in the log: "Restarted — HTTP/1.0 · changed: HTTP/1.1 →
 * HTTP/1.0". It sits after the last row of the old run; rows of both runs stay in one log,
 * and this is where they part (docs/architecture.md § Desktop app: apply and restart).
 */
import type { RestartMarker } from '../../shared/ipc.js';
import { formatClock } from './format.js';

/** Dividers kept per server; the oldest go first (rows they separated are long gone). */
export const MAX_DIVIDERS = 100;

export interface LogDivider {
  kind: 'divider';
  /** Placed after the row with this seq: the last row of the run before. */
  afterSeq: number;
  run: number;
  /** 14:03:07 */
  time: string;
  text: string;
}

export function dividerText(marker: RestartMarker): string {
  const what =
    marker.changes.length === 0 ? 'same settings' : `changed: ${marker.changes.join(', ')}`;
  return `Restarted — ${marker.protocol} · ${what}`;
}

export function toDivider(marker: RestartMarker, afterSeq: number): LogDivider {
  return {
    kind: 'divider',
    afterSeq,
    run: marker.run,
    time: formatClock(marker.time).slice(0, 8),
    text: dividerText(marker),
  };
}
