/**
 * The bodies of one exchange in the inspector: the request body under the request head, the
 * response body under the response head, as text (controls made visible) or a hex dump,
 * capped at 64 KiB with the bytes not shown counted. Main keeps them only for the selected
 * server's newest exchanges (docs/architecture.md § Desktop app: bodies in the inspector) and
 * sends one exchange's when its row is opened; older ones say "not kept" with their size.
 */
import { useEffect, useId, useState } from 'react';
import { moreBytesNote } from '../../shared/body-view.js';
import type { ExchangeBodyView, ShownBody } from '../../shared/ipc.js';
import type { RequestRecord } from '../../shared/log.js';
import { getBridge, type Bridge } from '../bridge.js';
import { formatSize } from './format.js';

export type BodiesState =
  { kind: 'loading' } | { kind: 'kept'; view: ExchangeBodyView } | { kind: 'not-kept' };

/** Tells main which server's bodies to keep: the one whose tab is selected. */
export function useKeepBodiesFor(bridge: Bridge, serverId: string | undefined): void {
  useEffect(() => {
    if (serverId !== undefined) bridge.keepBodiesFor(serverId).catch(() => undefined);
  }, [bridge, serverId]);
}

/** Asks main for the exchange's bodies once per opened row. */
export function useExchangeBodies(serverId: string, record: RequestRecord): BodiesState {
  const { connectionId, requestIndex } = record;
  const key = `${serverId} ${connectionId} ${requestIndex}`;
  // The answer is remembered with the exchange it is for: another row reads as loading.
  const [answer, setAnswer] = useState<{ key: string; state: BodiesState } | null>(null);
  useEffect(() => {
    let current = true;
    const settle = (state: BodiesState) => {
      if (current) setAnswer({ key, state });
    };
    const bridge = getBridge();
    if (bridge === null) return;
    bridge.exchangeBodies({ serverId, connectionId, requestIndex }).then(
      (view) => settle(view === null ? { kind: 'not-kept' } : { kind: 'kept', view }),
      () => settle({ kind: 'not-kept' }),
    );
    return () => {
      current = false;
    };
  }, [key, serverId, connectionId, requestIndex]);
  if (getBridge() === null) return { kind: 'not-kept' };
  return answer?.key === key ? answer.state : { kind: 'loading' };
}

function header(fields: Array<[string, string]>, name: string): string | undefined {
  return fields.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** Why a response has no body, in words (RFC 9110 §9.3.2 HEAD, §15.4.5 304, §15.3.5 204). */
function noResponseBody(record: RequestRecord): string {
  if (record.method === 'HEAD')
    return 'No body: a HEAD response is the head a GET would get, alone.';
  if (record.status === 304) return 'No body: 304 Not Modified tells the client to use its copy.';
  if (record.status === 204) return 'No body: 204 No Content.';
  return 'No body (0 bytes).';
}

function BodyText({ body, label }: { body: ShownBody; label: string }) {
  const more = moreBytesNote(body.more);
  const kind = body.kind === 'hex' ? 'hex dump: not text' : 'text';
  return (
    <>
      <pre
        className={
          body.kind === 'hex' ? 'body-text inspector-body hex' : 'body-text inspector-body'
        }
        tabIndex={0}
        aria-label={`${label} (${kind}, ${formatSize(body.total)})`}
      >
        {body.text}
      </pre>
      <p className="body-more">
        {formatSize(body.total)} · {kind}
        {more && ` · ${more}`}
      </p>
    </>
  );
}

interface Props {
  side: 'request' | 'response';
  record: RequestRecord;
  bodies: BodiesState;
}

/**
 * One side's body, or why there is none to show. It fills the cell under its head in the
 * inspector's grid (an empty cell when there is nothing to say), so both bodies line up.
 */
export function BodySection({ side, record, bodies }: Props) {
  const id = useId();
  const label = side === 'request' ? 'Request body' : 'Response body';
  const announced =
    side === 'request'
      ? Number(header(record.requestHeaders, 'content-length') ?? 0) || 0
      : record.size;
  const body = bodies.kind === 'kept' ? bodies.view[side] : null;
  // A request without a body is the usual case: nothing to say.
  const nothing =
    (side === 'request' && body === null && announced === 0) ||
    (side === 'response' && record.responseStatusLine === '');
  if (nothing) return <div className="exchange-body" />;

  let content;
  if (bodies.kind === 'loading') content = <p className="dim">Loading the body…</p>;
  else if (body !== null && body.total > 0) content = <BodyText body={body} label={label} />;
  else if (body !== null || announced === 0) {
    content = (
      <p className="dim">{side === 'response' ? noResponseBody(record) : 'No body (0 bytes).'}</p>
    );
  } else {
    content = (
      <p className="dim">
        Not kept: {announced.toLocaleString('en')} bytes. Bodies are kept for the selected
        server&apos;s newest 200 exchanges only.
      </p>
    );
  }
  return (
    <section className="exchange-body" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{label}</h3>
      {content}
    </section>
  );
}
