/**
 * One response the composer received, as it arrived: the status line and headers exactly,
 * then the body as text (controls made visible) or a hex dump, capped with a count of the
 * bytes not shown. The head is latin-1 text from the wire; it goes through displayText.
 */
import { useId } from 'react';
import type { ComposedExchange } from '../../shared/ipc.js';
import { displayText, formatDuration, formatSize } from '../log/format.js';

interface Props {
  index: number;
  result: ComposedExchange;
  /** The status the preset expects (when the request was not edited). */
  expected?: number | null;
  moreNote: string;
}

function statusOf(head: string): number | null {
  const finalHead = head.split('\r\n\r\n').at(-1) ?? '';
  const match = /^HTTP\/\d\.\d (\d{3})/.exec(finalHead);
  return match ? Number(match[1]) : null;
}

export function ComposedResponse({ index, result, expected, moreNote }: Props) {
  const id = useId();
  const status = statusOf(result.responseHead);
  const verdict =
    expected === undefined
      ? null
      : expected === status
        ? 'as expected'
        : `expected ${expected ?? 'no response'}`;
  return (
    <article className="composed" aria-labelledby={`${id}-title`} data-status={status ?? 'none'}>
      <h3 id={`${id}-title`}>
        Response to request {index + 1}: {status ?? 'none'} · {formatDuration(result.ms)}
        {verdict && <span className="dim"> ({verdict})</span>}
        {result.closedAfter && !result.error && (
          <span className="dim"> · the server closed the connection</span>
        )}
      </h3>
      {result.error && <p className="conn-note closed">{displayText(result.error)}</p>}
      {result.responseHead !== '' && (
        <section aria-label={`Status line and headers of response ${index + 1}`}>
          <pre className="head-text">
            {result.responseHead.split('\r\n').map(displayText).join('\n')}
          </pre>
        </section>
      )}
      {result.body.kind !== 'empty' && (
        <section
          aria-label={`Body of response ${index + 1} (${result.body.kind === 'hex' ? 'hex dump' : 'text'}, ${formatSize(result.bodyBytes)})`}
        >
          <pre className={result.body.kind === 'hex' ? 'body-text hex' : 'body-text'}>
            {result.body.text}
          </pre>
          {moreNote && <p className="body-more">{moreNote}</p>}
        </section>
      )}
      {result.body.kind === 'empty' && result.responseHead !== '' && (
        <p className="dim">(no body)</p>
      )}
    </article>
  );
}
