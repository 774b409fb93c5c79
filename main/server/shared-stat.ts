/**
 * The one stat-or-null: `stat` with in-flight sharing: requests for the same path that arrive while a `stat` of it
 * is on its way in the libuv thread pool share that one call.
 *
 * Why: on a loaded server each thread-pool round trip costs the event loop far more than the
 * `stat` itself (a hand-off to a worker thread and a wake-up back), and a hot file is asked
 * for by many connections at once. Freshness is unchanged in practice: a shared result was
 * taken at most one thread-pool round trip (tens of µs) before the later request arrived,
 * and a request that arrives after a stat settled always gets a new one — so a file edited
 * between two requests is always seen by the second.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

const inFlight = new Map<string, Promise<Stats | null>>();

/** The file's Stats (following links), or null if it cannot be stat'ed. */
export function statOrNull(fsPath: string): Promise<Stats | null> {
  const pending = inFlight.get(fsPath);
  if (pending) return pending;
  const request = stat(fsPath).then(
    (stats) => stats,
    () => null,
  );
  inFlight.set(fsPath, request);
  const forget = () => inFlight.delete(fsPath);
  void request.then(forget);
  return request;
}
