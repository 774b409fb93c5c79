/**
 * The one stat-or-null (and realpath-or-null), with in-flight sharing: requests for the same
 * path that arrive while a call for it is on its way in the libuv thread pool share that
 * one call.
 *
 * Why: on a loaded server each thread-pool round trip costs the event loop far more than the
 * `stat` itself (a hand-off to a worker thread and a wake-up back), and a hot file is asked
 * for by many connections at once. Freshness is unchanged in practice: a shared result was
 * taken at most one thread-pool round trip (tens of µs) before the later request arrived,
 * and a request that arrives after a call settled always gets a new one — so a file edited
 * (or a link swapped) between two requests is always seen by the second.
 */
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { fromFs, fsArg } from './surrogate-escape.js';

function sharedInFlight<T>(
  call: (fsPath: string) => Promise<T>,
): (fsPath: string) => Promise<T | null> {
  const inFlight = new Map<string, Promise<T | null>>();
  return (fsPath) => {
    const pending = inFlight.get(fsPath);
    if (pending) return pending;
    const request = call(fsPath).then(
      (result) => result,
      () => null,
    );
    inFlight.set(fsPath, request);
    const forget = () => inFlight.delete(fsPath);
    void request.then(forget);
    return request;
  };
}

/** The file's Stats (following links), or null if it cannot be stat'ed. */
export const statOrNull: (fsPath: string) => Promise<Stats | null> = sharedInFlight((fsPath) =>
  stat(fsArg(fsPath)),
);

/**
 * The path with every link resolved, or null if some part of it does not exist. Paths may
 * hold undecodable bytes (surrogate-escape.ts): they go to and come from `fs` as bytes.
 */
export const realpathOrNull: (fsPath: string) => Promise<string | null> = sharedInFlight(
  async (fsPath) => fromFs(await realpath(fsArg(fsPath), { encoding: 'buffer' })),
);
