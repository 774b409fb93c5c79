/**
 * A server as its tab and its "All servers" menu item show it: folder name, port (never cut
 * short: it tells two tabs of one folder apart) and a compact state badge.
 */
import type { ServerState } from '../../shared/ipc.js';
import type { ServerDraft } from '../servers/draft.js';
import { StatusBadge } from './StatusBadge.js';
import { tabParts } from './tab-label.js';

export function TabTitle({ draft, state }: { draft: ServerDraft; state: ServerState | undefined }) {
  const { name, port } = tabParts(draft, state);
  return (
    <>
      <span className="tab-title">
        <span className="tab-name">{name}</span>
        <span className="tab-port"> : {port}</span>
      </span>
      <StatusBadge status={state?.status ?? 'stopped'} compact />
    </>
  );
}
