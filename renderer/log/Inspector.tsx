/**
 * One exchange, for teaching: the request exactly as it arrived, the response head exactly
 * as it was sent, and what happened to the connection. Every client string is shown through
 * displayText, so control characters read as `\x1b` and never act.
 */
import { headerCutKey, withCutMarker, type RequestRecord } from '../../shared/log.js';
import { connectionFate } from '../../shared/status-explanations.js';
import { onSameConnection, type LogRow, type ServerLog } from './log-store.js';
import { StatusExplained } from './StatusExplained.js';
import { displayText } from './format.js';
import { ScriptNote } from './ScriptNote.js';
import { BodySection, useExchangeBodies } from './InspectorBody.js';

/** The log panel owns the inspector's size and text size; the inspector offers the toggles. */
export interface InspectorLayout {
  full: boolean;
  largeText: boolean;
  setFull(full: boolean): void;
  setLargeText(large: boolean): void;
}

interface Props {
  row: LogRow;
  log: ServerLog;
  onSelect(row: LogRow): void;
  onClose(): void;
  layout: InspectorLayout;
}

/** Enough to show a keep-alive conversation without scanning a full buffer on every render. */
const MAX_SIBLINGS = 50;

/**
 * A head as text. The log keeps a bounded record (shared/scrub.ts): every cut field ends in
 * its "… (N bytes cut)" marker and left-out fields are counted — shown, never hidden.
 */
function headText(record: RequestRecord, side: 'request' | 'response'): string {
  const first =
    side === 'request'
      ? withCutMarker(record, 'requestLine', displayText(record.requestLine))
      : withCutMarker(record, 'responseStatusLine', displayText(record.responseStatusLine));
  const headers = side === 'request' ? record.requestHeaders : record.responseHeaders;
  const lines = [first];
  headers.forEach(([name, value], i) => {
    const shownName = withCutMarker(record, headerCutKey(side, i, 'name'), displayText(name));
    const shownValue = withCutMarker(record, headerCutKey(side, i, 'value'), displayText(value));
    lines.push(`${shownName}: ${shownValue}`);
  });
  const left = side === 'request' ? record.requestHeadersCut : record.responseHeadersCut;
  if (left !== undefined && left > 0) lines.push(`… (${left} more header fields cut)`);
  // A CGI script's own header block follows ours on the wire: the head as sent is both.
  if (side === 'response' && record.script) {
    record.script.head.forEach((line, i) => {
      lines.push(withCutMarker(record, `scriptHead.${i}`, displayText(line)));
    });
  }
  return lines.join('\n');
}

function sameConnection(log: ServerLog, row: LogRow): LogRow[] {
  const found: LogRow[] = [];
  for (let i = log.rows.length - 1; i >= 0 && found.length < MAX_SIBLINGS; i--) {
    const other = log.rows.at(i);
    if (other && onSameConnection(other, row)) found.push(other);
  }
  return found.reverse();
}

export function Inspector({ row, log, onSelect, onClose, layout }: Props) {
  const { record } = row;
  const bodies = useExchangeBodies(row.serverId, record);
  const siblings = sameConnection(log, row);
  const messages: string[] = [];
  for (let i = 0; i < log.messages.length; i++) {
    const m = log.messages.at(i);
    if (m && onSameConnection(m, row) && m.record.level === 'error') {
      messages.push(m.text);
    }
  }
  const response =
    record.responseStatusLine === '' ? '(no status line was sent)' : headText(record, 'response');

  return (
    <section
      className={layout.largeText ? 'inspector text-large' : 'inspector'}
      aria-labelledby="inspector-title"
    >
      <header className="inspector-head">
        <h2 id="inspector-title" className="section-title">
          Request {record.requestIndex} on connection {record.connectionId}
        </h2>
        <span className="inspector-meta mono">
          from {row.client}:{record.clientPort} ({row.device}) · {row.time} · {row.size} ·{' '}
          {row.duration}
          {record.tlsVersion !== undefined && (
            <>
              {' · '}
              <span
                className="tls-version"
                title="This exchange was encrypted with this TLS version"
              >
                over {displayText(record.tlsVersion)}
              </span>
            </>
          )}
        </span>
        <span className="inspector-tools">
          <button
            type="button"
            className="button small"
            aria-pressed={layout.largeText}
            onClick={() => layout.setLargeText(!layout.largeText)}
          >
            Larger text
          </button>
          <button
            type="button"
            className="button small"
            aria-pressed={layout.full}
            onClick={() => layout.setFull(!layout.full)}
          >
            Fill the log panel
          </button>
          <button
            type="button"
            className="button small"
            onClick={onClose}
            aria-label="Close inspector"
          >
            Close
          </button>
        </span>
      </header>
      <StatusExplained row={row} log={log} onSelect={onSelect} />
      <div className="exchange">
        <section className="exchange-part" aria-labelledby="inspector-request-head">
          <h3 id="inspector-request-head">Request, as received</h3>
          <pre className="head-text">
            {record.requestLine === '' ? '(no request line)' : headText(record, 'request')}
          </pre>
        </section>
        <section className="exchange-part" aria-labelledby="inspector-response-head">
          <h3 id="inspector-response-head">Response, as sent</h3>
          <pre className="head-text">{response}</pre>
        </section>
        <BodySection side="request" record={record} bodies={bodies} />
        <BodySection side="response" record={record} bodies={bodies} />
      </div>
      <p className={record.keptAlive ? 'conn-note kept' : 'conn-note closed'}>
        {connectionFate(record)}
      </p>
      {siblings.length > 1 && (
        <nav className="siblings" aria-label="Requests on this connection">
          <span>Requests on connection {record.connectionId}:</span>
          {siblings.map((s) => (
            <button
              key={s.seq}
              type="button"
              className={s.seq === row.seq ? 'button small current' : 'button small'}
              aria-current={s.seq === row.seq ? 'true' : undefined}
              onClick={() => onSelect(s)}
            >
              #{s.record.requestIndex} {displayText(s.record.method)} {displayText(s.record.path)}
            </button>
          ))}
        </nav>
      )}
      <ScriptNote outcome={record.script} stderr={messages.length} />
      {messages.length > 0 && (
        <ul className="server-messages" aria-label="Server messages for this connection">
          {messages.map((text, i) => (
            <li key={i} className="mono">
              {text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
