/**
 * One tab per server (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump).
 * Each tab says where it serves and whether it runs, so several servers read at a glance:
 * the folder name may be cut short, the port never is. The selected tab is kept in view;
 * when the tabs overflow, "All servers" lists every one with its state.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ServerState } from '../../shared/ipc.js';
import { MAX_SERVERS } from '../../shared/settings.js';
import type { ServerDraft } from '../servers/draft.js';
import { ServerMenu } from './ServerMenu.js';
import { tabParts } from './tab-label.js';
import { TabTitle } from './TabTitle.js';

interface Props {
  drafts: ServerDraft[];
  states: Record<string, ServerState>;
  selectedId: string;
  onSelect(id: string): void;
  onAdd(): void;
  canAdd: boolean;
}

/** True while the tab strip is wider than the room it has. */
function useOverflow(strip: React.RefObject<HTMLDivElement | null>, count: number): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const el = strip.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [strip, count]);
  return overflowing;
}

export function ServerTabs({ drafts, states, selectedId, onSelect, onAdd, canAdd }: Props) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const strip = useRef<HTMLDivElement>(null);
  const overflowing = useOverflow(strip, drafts.length);

  // A new or picked server's tab scrolls into view, however many tabs there are.
  useEffect(() => {
    refs.current.get(selectedId)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selectedId, drafts.length]);

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
      <div role="tablist" aria-label="Servers" className="tabs" ref={strip}>
        {drafts.map((draft, index) => {
          const state = states[draft.id];
          const selected = draft.id === selectedId;
          const { port } = tabParts(draft, state);
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
              title={draft.folder === '' ? undefined : `${draft.folder} : ${port}`}
              onClick={() => onSelect(draft.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              <TabTitle draft={draft} state={state} />
            </button>
          );
        })}
      </div>
      {overflowing && (
        <ServerMenu drafts={drafts} states={states} selectedId={selectedId} onSelect={onSelect} />
      )}
      {/* aria-disabled, not disabled: the button stays focusable, so its reason can be read. */}
      <button
        type="button"
        className="button add-server"
        onClick={() => {
          if (canAdd) onAdd();
        }}
        aria-disabled={!canAdd}
        aria-describedby="server-count"
        title={
          canAdd
            ? 'Add another server with its own folder and port'
            : `${MAX_SERVERS} servers is the most at once: remove one to add another`
        }
      >
        + Add server
      </button>
      <span id="server-count" className={canAdd ? 'server-count' : 'server-count full'}>
        {canAdd ? (
          `${drafts.length} of ${MAX_SERVERS}`
        ) : (
          <>
            {MAX_SERVERS} of {MAX_SERVERS}: the most at once
            <span className="sr-only">. Remove a server to add another.</span>
          </>
        )}
      </span>
    </div>
  );
}
