/**
 * The request log as an ARIA grid, virtualized by hand: rows have one fixed height, so the
 * rows on screen are computed from scrollTop and only those (plus a little overscan) exist
 * in the DOM, whether the buffer holds ten rows or twenty thousand.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { statusTooltip } from '../../shared/status-explanations.js';
import type { LogRow } from './log-store.js';
import type { LogEntry } from './view-with-dividers.js';
import type { LogView } from './useLogView.js';

export const ROW_HEIGHT = 26;
/** Columns of a request row; a restart divider spans them all. */
const COLUMNS = 8;
const OVERSCAN = 8;

interface Props {
  view: LogView;
  selectedSeq: number | null;
  follow: boolean;
  /** The grid element: the log panel returns focus here when the inspector closes. */
  ref?: Ref<HTMLDivElement>;
  onSelect(row: LogRow): void;
  /** The person scrolled away from the newest rows: stop following them. */
  onScrolledAway(): void;
}

const STATUS_WORDS: Record<string, string> = {
  '1xx': 'informational',
  '2xx': 'success',
  '3xx': 'redirect',
  '4xx': 'client error',
  '5xx': 'server error',
  none: 'no response',
};

export function VirtualLog({ view, selectedSeq, follow, ref, onSelect, onScrolledAway }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const lastAutoTop = useRef(-1);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Follow the newest rows: after each render that changed the view, pin to the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !follow) return;
    const bottom = Math.max(0, view.length * ROW_HEIGHT - el.clientHeight);
    el.scrollTop = bottom;
    lastAutoTop.current = el.scrollTop;
    setScrollTop(el.scrollTop);
  }, [follow, view]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (follow && !atBottom && Math.abs(el.scrollTop - lastAutoTop.current) > 1) onScrolledAway();
  };

  let selectedIndex = -1;
  if (selectedSeq !== null) {
    for (let i = view.length - 1; i >= 0; i--) {
      const entry = view.at(i);
      if (entry?.kind === 'request' && entry.seq === selectedSeq) {
        selectedIndex = i;
        break;
      }
    }
  }

  const reveal = useCallback((index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
  }, []);

  // The selected row stays in view when it changes and when the list shrinks (the
  // inspector opening below it, a smaller window) — but scrolling by hand is left alone.
  const lastRevealed = useRef('');
  useLayoutEffect(() => {
    const key = `${selectedSeq}:${viewport}`;
    if (key === lastRevealed.current) return; // only the index moved (new rows): leave it
    lastRevealed.current = key;
    if (selectedIndex !== -1) reveal(selectedIndex);
  }, [selectedSeq, selectedIndex, viewport, reveal]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (view.length === 0) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const from = selectedIndex === -1 ? view.length : selectedIndex;
    const targets: Record<string, number> = {
      ArrowDown: selectedIndex === -1 ? view.length - 1 : from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: view.length - 1,
    };
    if (event.key === 'Enter' && selectedIndex !== -1) {
      const row = view.at(selectedIndex);
      if (row?.kind === 'request') onSelect(row); // reopens the inspector on the selected row
      return;
    }
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    // A restart divider cannot be selected: step over it, the way the key was going.
    const step = event.key === 'Home' ? 1 : event.key === 'End' || target < from ? -1 : 1;
    let index = Math.min(view.length - 1, Math.max(0, target));
    while (view.at(index)?.kind === 'divider') index += step;
    const row = view.at(index);
    if (row?.kind !== 'request') return;
    onSelect(row);
    reveal(index);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const rows: LogEntry[] = [];
  for (let i = first; i < last; i++) {
    const row = view.at(i);
    if (row) rows.push(row);
  }

  return (
    <div
      ref={ref}
      className="log-grid"
      role="grid"
      aria-label="Request log"
      aria-rowcount={view.length + 1}
      aria-activedescendant={selectedIndex === -1 ? undefined : `log-row-${selectedSeq}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="log-row log-head" role="row" aria-rowindex={1}>
        <span role="columnheader">Time</span>
        <span role="columnheader">Client</span>
        <span role="columnheader" className="col-device">
          Device
        </span>
        <span role="columnheader">Request</span>
        <span role="columnheader" title="The HTTP version the server answered with">
          HTTP
        </span>
        <span role="columnheader">Status</span>
        <span role="columnheader" className="num">
          Size
        </span>
        <span role="columnheader" className="num">
          Duration
        </span>
      </div>
      <div className="log-scroll" ref={scroller} onScroll={onScroll}>
        <div className="log-spacer" style={{ height: view.length * ROW_HEIGHT }}>
          {rows.map((row, n) => {
            const index = first + n;
            if (row.kind === 'divider') {
              return (
                <div
                  key={`divider-${row.run}-${row.afterSeq}`}
                  role="row"
                  aria-rowindex={index + 2}
                  className="log-row log-divider"
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                >
                  <span role="gridcell" aria-colspan={COLUMNS} className="divider-text">
                    <span className="mono dim">{row.time}</span> {row.text}
                  </span>
                </div>
              );
            }
            const selected = row.seq === selectedSeq;
            return (
              <div
                key={row.seq}
                id={`log-row-${row.seq}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected}
                aria-describedby={selected ? `log-row-${row.seq}-status` : undefined}
                className={selected ? 'log-row selected' : 'log-row'}
                style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                onClick={() => onSelect(row)}
              >
                <span role="gridcell" className="mono dim">
                  {row.time.slice(0, 8)}
                  <span className="ms">{row.time.slice(8)}</span>
                </span>
                <span role="gridcell" className="mono" title={row.client}>
                  {row.client}
                </span>
                <span role="gridcell" className="col-device" title={row.device}>
                  {row.device}
                </span>
                <span role="gridcell" className="mono request" title={row.request}>
                  {row.request}
                </span>
                <span role="gridcell" className="mono dim">
                  {row.version}
                </span>
                <span
                  role="gridcell"
                  className={
                    row.scriptFailed
                      ? 'status-code script-failed'
                      : `status-code st-${row.statusClass}`
                  }
                  title={
                    row.scriptFailed
                      ? 'The CGI script failed: see the inspector'
                      : statusTooltip(row.record)
                  }
                >
                  {row.status}
                  {row.scriptFailed && <span aria-hidden="true"> ✕</span>}
                  <span className="sr-only">
                    {' '}
                    {row.scriptFailed ? 'script failed' : STATUS_WORDS[row.statusClass]}
                  </span>
                  {selected && (
                    // The active row's description: read out when keyboard focus reaches it.
                    <span className="sr-only" id={`log-row-${row.seq}-status`}>
                      {statusTooltip(row.record)}
                    </span>
                  )}
                </span>
                <span role="gridcell" className="num mono">
                  {row.size}
                </span>
                <span role="gridcell" className="num mono dim">
                  {row.duration}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
