/**
 * "Try a request": edit a raw request (or pick a preset, each with what to look for), send it
 * to this server from main over a real TCP connection, and read the response as it arrived.
 * The request shows up in the log like any other. Main checks the target again
 * (main/request-composer.ts); this panel only ever names the selected server.
 */
import { useId, useState } from 'react';
import { moreBytesNote } from '../../shared/body-view.js';
import {
  composerPresets,
  composerTarget,
  toWire,
  type ComposerPreset,
} from '../../shared/composer-presets.js';
import type { ComposedExchange, DeskBridge, ServerState } from '../../shared/ipc.js';
import { displayText } from '../log/format.js';
import { ComposedResponse } from './ComposedResponse.js';
import { ContentLengthNote } from './ContentLengthNote.js';
import { followBody } from '../../shared/content-length.js';

interface Props {
  state: ServerState;
  send: DeskBridge['sendComposed'];
}

const MAX_REQUESTS = 8;

export function ComposerPanel({ state, send }: Props) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [presetId, setPresetId] = useState('get');
  const [requests, setRequests] = useState<string[] | null>(null);
  const [sameConnection, setSameConnection] = useState(false);
  const [results, setResults] = useState<ComposedExchange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // The conditional preset's If-Modified-Since: fixed when the preset is chosen.
  const [now, setNow] = useState(() => new Date());

  const target = composerTarget(state);
  const presets = target ? composerPresets(target, { cgi: state.config.cgi, now }) : [];
  const preset: ComposerPreset | undefined = presets.find((p) => p.id === presetId) ?? presets[0];
  const shown = requests ?? preset?.requests ?? [];

  const choose = (id: string) => {
    const next = presets.find((p) => p.id === id);
    setPresetId(id);
    setNow(new Date());
    setRequests(null);
    setSameConnection(next?.sameConnection ?? false);
    setResults([]);
    setError(null);
  };

  // An edited body keeps its Content-Length right, unless the person set the field to differ.
  const edit = (index: number, text: string) => {
    setRequests(shown.map((request, i) => (i === index ? followBody(request, text) : request)));
  };

  const submit = async () => {
    if (!target || sending) return;
    setSending(true);
    setError(null);
    try {
      const answer = await send({
        serverId: state.id,
        host: target.host,
        port: target.port,
        requests: shown.map(toWire),
        sameConnection,
      });
      if (answer.ok) setResults(answer.value);
      else {
        setResults([]);
        setError(answer.error);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="composer" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title composer-title">
        <button
          type="button"
          className="button subtle"
          aria-expanded={open}
          aria-controls={`${ids}-body`}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Try a request
        </button>
      </h2>
      <div id={`${ids}-body`} hidden={!open} className="composer-body">
        {!target || !preset ? (
          <p className="dim">Start the server to send it requests from here.</p>
        ) : (
          <>
            <div className="composer-row">
              <label htmlFor={`${ids}-preset`}>Preset</label>
              <select
                id={`${ids}-preset`}
                value={preset.id}
                onChange={(e) => choose(e.target.value)}
              >
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <span className="dim mono">
                to {target.host}:{target.port}
              </span>
            </div>
            <p className="composer-explain" id={`${ids}-explain`}>
              {preset.explanation}
            </p>
            {shown.map((request, i) => (
              <div key={i} className="composer-request">
                <label htmlFor={`${ids}-req-${i}`}>
                  Request {i + 1} (raw: request line, headers, empty line, body)
                </label>
                <textarea
                  id={`${ids}-req-${i}`}
                  className="mono"
                  rows={Math.min(8, request.split('\n').length + 1)}
                  spellCheck={false}
                  value={request}
                  aria-describedby={`${ids}-explain`}
                  onChange={(e) => edit(i, e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
                  }}
                />
                <ContentLengthNote
                  request={request}
                  label={`request ${i + 1}`}
                  edited={requests !== null}
                  onFix={(text) => setRequests(shown.map((r, j) => (j === i ? text : r)))}
                />
                {shown.length > 1 && (
                  <button
                    type="button"
                    className="button small subtle"
                    onClick={() => setRequests(shown.filter((_, j) => j !== i))}
                  >
                    Remove request {i + 1}
                  </button>
                )}
              </div>
            ))}
            <div className="composer-row">
              <button
                type="button"
                className="button small"
                disabled={shown.length >= MAX_REQUESTS}
                onClick={() => setRequests([...shown, shown.at(-1) ?? ''])}
              >
                Add a request
              </button>
              <label>
                <input
                  type="checkbox"
                  checked={sameConnection}
                  onChange={(e) => setSameConnection(e.target.checked)}
                />{' '}
                Send on the same connection
              </label>
              <button
                type="button"
                className="button primary"
                disabled={sending}
                onClick={() => void submit()}
              >
                {sending ? 'Sending…' : 'Send'}
              </button>
              <span className="dim">Ctrl+Enter sends</span>
            </div>
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {displayText(error)}
          </p>
        )}
        <div aria-live="polite">
          {results.map((result, i) => (
            <ComposedResponse
              key={i}
              index={i}
              result={result}
              expected={requests === null ? preset?.expect[i] : undefined}
              moreNote={moreBytesNote(result.body.more)}
            />
          ))}
        </div>
      </div>
    </section>
  );
}
