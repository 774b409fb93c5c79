/**
 * A status code with its plain-words explanation (shared/status-explanations.ts): the code
 * is focusable and described by a tooltip that shows on hover and on keyboard focus, and
 * the reason this server sent it is written out beside it. Also, for a 301, a link to the
 * request that followed it from the same client.
 */
import { useId } from 'react';
import { statusClass, type RequestRecord } from '../../shared/log.js';
import { explainStatus, followedBy } from '../../shared/status-explanations.js';
import type { LogRow, ServerLog } from './log-store.js';
import { displayText } from './format.js';

/** How far past a 301 to look for the request that followed it. */
const FOLLOW_WINDOW = 200;

function laterRows(log: ServerLog, row: LogRow): LogRow[] {
  let start = log.rows.length - 1;
  while (start >= 0 && (log.rows.at(start)?.seq ?? -1) > row.seq) start--;
  const later: LogRow[] = [];
  for (let i = start + 1; i < log.rows.length && later.length < FOLLOW_WINDOW; i++) {
    const other = log.rows.at(i);
    if (other) later.push(other);
  }
  return later;
}

interface Props {
  row: LogRow;
  log: ServerLog;
  onSelect(row: LogRow): void;
}

export function StatusExplained({ row, log, onSelect }: Props) {
  const tipId = useId();
  const record: RequestRecord = row.record;
  const explained = explainStatus(record);
  const next = followedBy(record, laterRows(log, row));
  if (explained === null) return null;
  return (
    <div className="status-explained">
      <span className="status-tip-anchor">
        <span
          className={`status-chip st-${statusClass(record.status)}`}
          tabIndex={0}
          aria-describedby={tipId}
        >
          {record.status}
        </span>
        <span role="tooltip" id={tipId} className="status-tip">
          {explained.meaning}
        </span>
      </span>
      <span className="status-why">{displayText(explained.why)}</span>
      {next && (
        <button type="button" className="button small" onClick={() => onSelect(next)}>
          Followed by #{next.record.requestIndex} on connection {next.record.connectionId}:{' '}
          {displayText(next.record.method)} {displayText(next.record.path)} →{' '}
          {next.record.status ?? '—'}
        </button>
      )}
    </div>
  );
}
