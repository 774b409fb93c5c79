// One measurement: one workload against one server, with its peak memory.
import { download } from './download.mjs';
import { watchMemory } from './memory.mjs';
import { waitUntilIdle, withForeignLoad } from './settle.mjs';
import { median } from './stats.mjs';
import { runWrk } from './wrk.mjs';

function errorCount(workload, result) {
  // wrk counts every status >= 400 as an error; in the 404 workload those are the point,
  // and anything that is *not* an error status is the problem.
  const wrong =
    workload.expectStatus === 404 ? result.requests - result.statusErrors : result.statusErrors;
  return result.socketErrors + wrong;
}

/** The workload's URL on this server: https:// for a server with `scheme: 'https'`. */
function urlOf(server, workload) {
  return `${server.scheme ?? 'http'}://127.0.0.1:${server.port}${workload.path}`;
}

export async function warmUp({ workload, server, config }) {
  if (workload.kind !== 'wrk') return;
  await runWrk({
    url: urlOf(server, workload),
    seconds: config.warmupSeconds,
    connections: workload.connections,
    headers: workload.headers,
    cpu: config.loadCpu,
    script: workload.script,
  });
}

/**
 * Returns { rps, mibps, p99Ms, errors, peakMiB, failure, backlogMs }. Memory is watched until
 * the server has also finished what wrk left queued (backlogMs: how long that took).
 */
export async function measure({ workload, server, config, sizes }) {
  const watch = await watchMemory(server.pid);
  const memory = {
    async stop() {
      const backlogMs = await waitUntilIdle(server.pid);
      return { ...(await watch.stop()), backlogMs };
    },
  };
  const url = urlOf(server, workload);
  try {
    if (workload.kind === 'download') {
      const results = [];
      for (let i = 0; i < config.downloads; i++) {
        results.push(await download({ url, expectedBytes: sizes.big, cpu: config.loadCpu }));
      }
      const { peakMiB, backlogMs } = await memory.stop();
      const failed = results.filter((r) => r.error);
      const mibps = median(results.filter((r) => !r.error).map((r) => r.mibps));
      const failure = failed[0]?.error ?? null;
      return { rps: null, mibps, p99Ms: null, errors: failed.length, peakMiB, failure, backlogMs };
    }
    const { result: r, foreign } = await withForeignLoad(config.serverCpu, server.pid, () =>
      runWrk({
        url,
        seconds: workload.seconds ?? config.seconds,
        connections: workload.connections,
        headers: workload.headers,
        cpu: config.loadCpu,
        script: workload.script,
      }),
    );
    const { peakMiB, backlogMs } = await memory.stop();
    const errors = errorCount(workload, r);
    const failure = r.requests === 0 ? 'no responses' : null;
    const { rps, mibps, p99Ms } = r;
    return { rps, mibps, p99Ms, errors, peakMiB, failure, backlogMs, foreign };
  } catch (err) {
    const { peakMiB, backlogMs } = await memory.stop();
    const failure = err.message.split('\n')[0];
    return { rps: null, mibps: null, p99Ms: null, errors: 1, peakMiB, failure, backlogMs };
  }
}
