/**
 * One tab per server (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump).
 * Each tab says where it serves and whether it runs, so several servers read at a glance.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { ServerState } from '../../shared/ipc.js';
import { folderName, type ServerDraft } from '../servers/draft.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  drafts: ServerDraft[];
  states: Record<string, ServerState>;
  selectedId: string;
  onSelect(id: string): void;
  onAdd(): void;
  canAdd: boolean;
}

export function tabLabel(draft: ServerDraft, state: ServerState | undefined): string {
  const name = draft.folder.trim() === '' ? 'New server' : folderName(draft.folder);
  const port =
    state?.status === 'running' && state.boundPort !== undefined ? state.boundPort : draft.portText;
  return `${name} : ${port}`;
}

export function ServerTabs({ drafts, states, selectedId, onSelect, onAdd, canAdd }: Props) {
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const focusTab = (index: number) => {
    const draft = drafts[(index + drafts.length) % drafts.length];
    if (!draft) return;
    onSelect(draft.id);
    refs.current.get(draft.id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: drafts.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusTab(target);
  };

  return (
    <div className="tabs-row">
      <div role="tablist" aria-label="Servers" className="tabs">
        {drafts.map((draft, index) => {
          const state = states[draft.id];
          const selected = draft.id === selectedId;
          return (
            <button
              key={draft.id}
              ref={(el) => {
                if (el) refs.current.set(draft.id, el);
                else refs.current.delete(draft.id);
              }}
              role="tab"
              id={`tab-${draft.id}`}
              aria-selected={selected}
              aria-controls="server-panel"
              tabIndex={selected ? 0 : -1}
              className="tab"
              onClick={() => onSelect(draft.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              <span className="tab-name">{tabLabel(draft, state)}</span>
              <StatusBadge status={state?.status ?? 'stopped'} compact />
            </button>
          );
        })}
      </div>
      <button
        type="button"
        className="button add-server"
        onClick={onAdd}
        disabled={!canAdd}
        title={
          canAdd
            ? 'Add another server with its own folder and port'
            : 'That is the most servers at once'
        }
      >
        + Add server
      </button>
    </div>
  );
}
