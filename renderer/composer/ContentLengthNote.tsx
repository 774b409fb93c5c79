/**
 * Under a request being edited: whether its Content-Length matches its body. Edits to the
 * body keep a matching Content-Length in step (shared/content-length.ts `followBody`), and
 * the note says so; a length the person set to differ stays, explained with what the server
 * will do, next to a button that sets it right. Sending a wrong length is allowed on purpose:
 * it is worth seeing what a server does with one.
 */
import {
  bodyLength,
  lengthMatches,
  mismatchEffect,
  withContentLength,
} from '../../shared/content-length.js';

interface Props {
  request: string;
  /** "request 2": names the request for the button's accessible name. */
  label: string;
  /** The person changed a preset's text (before that, there is nothing to say). */
  edited: boolean;
  onFix(text: string): void;
}

export function ContentLengthNote({ request, label, edited, onFix }: Props) {
  const length = bodyLength(request);
  if (length === null || !edited) return null;
  if (lengthMatches(length)) {
    if (length.actual === 0) return null;
    return (
      <p className="dim composer-length" role="status">
        Content-Length follows the body: {length.actual} bytes.
      </p>
    );
  }
  return (
    <p className="field-error composer-length" role="status">
      {mismatchEffect(length)}{' '}
      <button
        type="button"
        className="button small"
        aria-label={`Set Content-Length of ${label} to ${length.actual}`}
        onClick={() => onFix(withContentLength(request, length.actual))}
      >
        Set Content-Length: {length.actual}
      </button>
    </p>
  );
}
