/**
 * "All servers": a menu listing every server with its state, for when the tabs no longer
 * fit (WAI-ARIA menu button pattern: arrows move, Enter picks, Escape closes and returns
 * focus to the button).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ServerState } from '../../shared/ipc.js';
import type { ServerDraft } from '../servers/draft.js';
import { TabTitle } from './TabTitle.js';

interface Props {
  drafts: ServerDraft[];
  states: Record<string, ServerState>;
  selectedId: string;
  onSelect(id: string): void;
}

export function ServerMenu({ drafts, states, selectedId, onSelect }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (!open) return;
    const selected = Math.max(
      0,
      drafts.findIndex((d) => d.id === selectedId),
    );
    items.current[selected]?.focus();
    // A click anywhere else closes it, like any menu.
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!button.current?.parentElement?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
    // Focus the selected item only when the menu opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: (index + 1) % drafts.length,
      ArrowUp: (index - 1 + drafts.length) % drafts.length,
      Home: 0,
      End: drafts.length - 1,
    };
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close();
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    items.current[target]?.focus();
  };

  return (
    <div className="server-menu">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'server-menu-list' : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        All servers ({drafts.length}) ▾
      </button>
      {open && (
        <div id="server-menu-list" role="menu" aria-label="All servers" className="menu">
          {drafts.map((draft, index) => {
            const state = states[draft.id];
            return (
              <button
                key={draft.id}
                ref={(el) => {
                  items.current[index] = el;
                }}
                type="button"
                role="menuitemradio"
                aria-checked={draft.id === selectedId}
                tabIndex={-1}
                className="menu-item"
                onClick={() => {
                  onSelect(draft.id);
                  close();
                }}
                onKeyDown={(e) => onKeyDown(e, index)}
              >
                <TabTitle draft={draft} state={state} />
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
