import type { ServerStatus } from '../../shared/ipc.js';

const LABELS: Record<ServerStatus, string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  failed: 'Failed',
};

/** A dot plus a word: colour is never the only signal. */
export function StatusBadge({
  status,
  compact = false,
}: {
  status: ServerStatus;
  compact?: boolean;
}) {
  return (
    <span className={`badge badge-${status}${compact ? ' badge-compact' : ''}`}>
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
