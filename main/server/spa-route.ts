/**
 * Single-page apps (`--spa`, docs/architecture.md § Engine: response options): a client-side
 * route such as `/settings/profile` has no file behind it, so a reload would be a 404. With
 * the option on, a GET or HEAD for a path that matches nothing and whose last segment has no
 * extension is answered with the root `index.html`; a missing `/app.js` or `/logo.png` keeps
 * Python's 404, so a broken asset link is still visible as one.
 */

/** Whether a request for `target` (origin-form) that found nothing is a client-side route. */
export function isClientRoute(command: string, target: string): boolean {
  if (command !== 'GET' && command !== 'HEAD') return false;
  const end = target.search(/[?#]/);
  const pathname = end === -1 ? target : target.slice(0, end);
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    return false; // not a path the server could have decoded: keep the 404
  }
  return !segment.includes('.');
}
