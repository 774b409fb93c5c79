/**
 * The live request log of one server: toolbar (filter, auto-scroll, clear, export), rows,
 * inspector. App keys it by server id, so each tab gets its own filter and selection.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LogExport, Result } from '../../shared/ipc.js';
import { MAX_EXPORT_BYTES } from '../../shared/ipc.js';
import type { StatusClass } from '../../shared/log.js';
import { accessLogLine } from '../../shared/log-line.js';
import { usePref } from '../layout/usePref.js';
import { DisclosureButton } from '../components/DisclosureButton.js';
import { ClientsSummary } from './ClientsSummary.js';
import { Inspector } from './Inspector.js';
import type { LogRow, LogStore } from './log-store.js';
import {
  ALL_STATUSES,
  STATUS_CLASSES,
  useLogView,
  type LogFilter,
  type LogView,
} from './useLogView.js';
import { VirtualLog } from './VirtualLog.js';
import { errorMessage } from '../../shared/values.js';

interface Props {
  store: LogStore;
  serverId: string;
  serverLabel: string;
  running: boolean;
  /** Clear also forgets main's kept copy, so a reload does not bring the rows back. */
  forgetKept(): void;
  exportLog(payload: LogExport): Promise<Result<string | null>>;
}

const CLASS_LABELS: Record<StatusClass, string> = {
  '1xx': '1xx',
  '2xx': '2xx',
  '3xx': '3xx',
  '4xx': '4xx',
  '5xx': '5xx',
  none: 'none',
};

function exportText(view: LogView): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; i < view.length; i++) {
    const row = view.at(i);
    if (row?.kind !== 'request') continue; // a restart divider is not a request
    const line = accessLogLine(row.record) + '\n';
    bytes += line.length * 3; // worst-case UTF-8 bytes per UTF-16 unit: stays under main's cap
    if (bytes > MAX_EXPORT_BYTES) break;
    lines.push(line);
  }
  return lines.join('');
}

function fileStamp(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

export function LogPanel({ store, serverId, serverLabel, running, forgetKept, exportLog }: Props) {
  const [text, setText] = useState('');
  const [shown, setShown] = useState(ALL_STATUSES);
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<LogRow | null>(null);
  // The row stays selected when the inspector closes, so focus has somewhere to return.
  const [inspecting, setInspecting] = useState(false);
  const [note, setNote] = useState('');
  const [clientsShown, setClientsShown] = useState(false);
  // The inspector can take the whole log panel, and its text can be larger (projectors).
  const [inspectorFull, setInspectorFull] = usePref<boolean>('inspectorFull', false);
  const [largeText, setLargeText] = usePref<boolean>('inspectorLargeText', false);
  const grid = useRef<HTMLDivElement>(null);
  const filter: LogFilter = useMemo(() => ({ text, shown }), [text, shown]);
  const view = useLogView(store, serverId, filter);

  // Selecting a row opens it; following the newest rows goes on until the person scrolls up.
  const select = (row: LogRow) => {
    setSelected(row);
    setInspecting(true);
  };

  const closeInspector = () => {
    setInspecting(false);
    grid.current?.focus();
  };

  // Escape closes the inspector wherever focus is in the log panel, not only on the grid.
  const onPanelKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !inspecting || event.defaultPrevented) return;
    event.preventDefault();
    closeInspector();
  };

  const resetFilter = () => {
    setText('');
    setShown(ALL_STATUSES);
  };

  const doExport = async () => {
    const payload = { suggestedName: `httpdesk-${fileStamp()}.log`, text: exportText(view) };
    try {
      const result = await exportLog(payload);
      if (!result.ok) setNote(`Export failed: ${result.error}`);
      else setNote(result.value === null ? 'Export cancelled.' : `Saved ${result.value}`);
    } catch (err) {
      setNote(`Export failed: ${errorMessage(err)}`);
    }
  };

  const filtering = view.matched !== view.total;
  const count = filtering ? `${view.matched} of ${view.total}` : `${view.total}`;
  const lost = view.evicted + view.dropped;

  return (
    <section
      className="log-panel"
      aria-label={`Request log of ${serverLabel}`}
      onKeyDown={onPanelKeyDown}
    >
      <div className="log-toolbar" role="toolbar" aria-label="Log tools">
        <h2 className="section-title">
          Requests{' '}
          <span className="count" aria-live="off">
            {count}
          </span>
        </h2>
        <div className="filter-group">
          <input
            type="search"
            className="filter"
            placeholder="Filter…"
            aria-label="Filter requests"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="class-filters" role="group" aria-label="Show status classes">
            {STATUS_CLASSES.map((c) => (
              <button
                key={c}
                type="button"
                className={`chip st-${c}${shown[c] ? ' on' : ''}`}
                aria-pressed={shown[c]}
                title={
                  c === 'none'
                    ? 'Requests that got no status (connection ended first)'
                    : `${c} responses`
                }
                onClick={() => setShown((prev) => ({ ...prev, [c]: !prev[c] }))}
              >
                {CLASS_LABELS[c]}
              </button>
            ))}
          </div>
        </div>
        <span className="toolbar-spacer" />
        <div className="log-actions">
          <DisclosureButton
            className="button small"
            expanded={clientsShown}
            controls="clients-summary"
            onToggle={setClientsShown}
          >
            Who connected
          </DisclosureButton>
          <button type="button" className="button small" onClick={() => setFollow((f) => !f)}>
            {follow ? 'Pause auto-scroll' : 'Resume auto-scroll'}
          </button>
          <button
            type="button"
            className="button small"
            disabled={view.total === 0}
            onClick={() => {
              store.clear(serverId);
              forgetKept();
              setSelected(null);
              setInspecting(false);
            }}
          >
            Clear
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => void doExport()}
            disabled={view.matched === 0}
          >
            Export…
          </button>
        </div>
      </div>
      {(note !== '' || lost > 0) && (
        <p className="log-note" role="status">
          {note}
          {note !== '' && lost > 0 ? ' · ' : ''}
          {lost > 0
            ? `${lost} older or excess rows not kept (the log keeps the newest ${store.capacity}).`
            : ''}
        </p>
      )}
      {clientsShown && (
        <ClientsSummary
          clients={view.log.clients}
          onShowInLog={(address) => {
            setText(address);
            setShown(ALL_STATUSES);
          }}
        />
      )}
      <div
        className={
          inspecting && selected
            ? `log-body with-inspector${inspectorFull ? ' inspector-full' : ''}`
            : 'log-body'
        }
      >
        {view.total === 0 ? (
          <div className="log-empty">
            <p>No requests yet.</p>
            <p className="field-hint">
              {running
                ? 'Open one of the addresses above in a browser: every request appears here as it happens.'
                : 'Start the server, then open its address in a browser: every request appears here.'}
            </p>
          </div>
        ) : view.matched === 0 ? (
          <div className="log-empty" role="status">
            <p>
              No requests match
              {text.trim() !== '' ? ` “${text.trim()}”` : ' the status classes shown'}
              {text.trim() !== '' && STATUS_CLASSES.some((c) => !shown[c])
                ? ' in the status classes shown'
                : ''}
              .
            </p>
            <button type="button" className="button" onClick={resetFilter}>
              Reset filter
            </button>
          </div>
        ) : (
          <VirtualLog
            ref={grid}
            view={view}
            selectedSeq={selected?.seq ?? null}
            follow={follow}
            onSelect={select}
            onScrolledAway={() => setFollow(false)}
          />
        )}
        {inspecting && selected && (
          <Inspector
            row={selected}
            log={view.log}
            onSelect={select}
            onClose={closeInspector}
            layout={{
              full: inspectorFull,
              largeText,
              setFull: setInspectorFull,
              setLargeText,
            }}
          />
        )}
      </div>
    </section>
  );
}
