// The benchmark workloads (README "Performance", docs/bench-findings.md). `metric` is the figure ratios and targets compare:
// requests/s for wrk runs, MiB/s for the single big download.
import { PATHS } from './data.mjs';
import { RANGES_SCRIPT } from './wrk.mjs';

/** Bytes per request of the ranges workload. */
const RANGE_SPAN = 64 * 1024;

export function workloads(config) {
  const c = config.connections;
  return [
    {
      id: 'ka-1k',
      label: `1 KiB keep-alive (c=${c})`,
      kind: 'wrk',
      path: PATHS.small,
      connections: c,
      metric: 'rps',
    },
    {
      id: 'close-1k',
      label: `1 KiB, new connection each (c=${c})`,
      kind: 'wrk',
      path: PATHS.small,
      connections: c,
      headers: ['Connection: close'],
      metric: 'rps',
    },
    {
      id: 'file-1m',
      label: `1 MiB file (c=${c})`,
      kind: 'wrk',
      path: PATHS.medium,
      connections: c,
      metric: 'rps',
    },
    {
      id: 'download',
      label: `${config.bigFileMiB} MiB download (curl)`,
      kind: 'download',
      path: PATHS.big,
      metric: 'mibps',
    },
    {
      id: 'listing',
      label: `10,000-entry listing (c=${c})`,
      kind: 'wrk',
      path: PATHS.listing,
      connections: c,
      metric: 'rps',
    },
    {
      id: '404',
      label: `404s (c=${c})`,
      kind: 'wrk',
      path: PATHS.missing,
      connections: c,
      expectStatus: 404,
      metric: 'rps',
    },
    {
      id: 'c64',
      label: '1 KiB keep-alive, 64 connections',
      kind: 'wrk',
      path: PATHS.small,
      connections: 64,
      metric: 'rps',
    },
    {
      // Python's HTTP/1.1 keep-alive trap: head and body in two sends without TCP_NODELAY
      // stall on the peer's delayed ACK (40 ms on Linux), capping one connection near 25 req/s.
      id: 'trap',
      label: '1 KiB keep-alive, 1 connection',
      kind: 'wrk',
      path: PATHS.small,
      connections: 1,
      seconds: config.trapSeconds,
      metric: 'rps',
    },
    {
      // Seeking players and split downloads: 64 clients, each request a random 64 KiB range
      // of the big file. Python ignores Range (each request would be the whole 200 MiB), so
      // only servers that answer ranges take part.
      id: 'ranges',
      label: `random 64 KiB ranges of ${config.bigFileMiB} MiB, 64 connections`,
      kind: 'wrk',
      path: PATHS.big,
      connections: 64,
      script: {
        file: RANGES_SCRIPT,
        args: [String(config.bigFileMiB * 1024 * 1024), String(RANGE_SPAN)],
      },
      servers: ['httpdesk', 'httpdesk-b', 'http-server', 'nginx'],
      metric: 'rps',
    },
  ].filter((w) => !config.workloads || config.workloads.includes(w.id));
}
