// Runs wrk (Debian's, HTTP/1.1 keep-alive client) and turns its report into numbers.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned, run } from './processes.mjs';

const SUMMARY_SCRIPT = fileURLToPath(new URL('./wrk-summary.lua', import.meta.url));
/** Random byte ranges of one file (includes the summary hook). */
export const RANGES_SCRIPT = fileURLToPath(new URL('./wrk-ranges.lua', import.meta.url));
const MIB = 1024 * 1024;

export function hasWrk() {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const UNIT_BYTES = { B: 1, KB: 1024, MB: MIB, GB: 1024 * MIB, TB: 1024 * 1024 * MIB };

/**
 * Parses wrk's text report (`--latency`): the fallback when the Lua summary line is absent
 * (a wrk built without LuaJIT). Numbers there are rounded, so MiB/s comes from Transfer/sec.
 */
export function parseWrkText(text) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m|h),\s+([\d.]+)(B|KB|MB|GB|TB) read/.exec(
    text,
  );
  const p99 = /^\s*99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$/m.exec(text);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  if (!rps || !total) return null;
  const durationS = (Number(total[2]) * UNIT_MS[total[3]]) / 1000;
  return {
    requests: Number(total[1]),
    durationS,
    rps: Number(rps[1]),
    mibps: (Number(total[4]) * UNIT_BYTES[total[5]]) / MIB / durationS,
    p99Ms: p99 ? Number(p99[1]) * UNIT_MS[p99[2]] : null,
    socketErrors: sock ? sock.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    statusErrors: non2xx ? Number(non2xx[1]) : 0,
  };
}

/** Parses the WRK_JSON line written by wrk-summary.lua. */
export function parseWrkJson(text) {
  const line = /^WRK_JSON (\{.*\})$/m.exec(text);
  if (!line) return null;
  const s = JSON.parse(line[1]);
  const durationS = s.durationUs / 1e6;
  return {
    requests: s.requests,
    durationS,
    rps: s.requests / durationS,
    mibps: s.bytes / MIB / durationS,
    p99Ms: s.requests > 0 ? s.p99Us / 1000 : null,
    socketErrors: s.connect + s.read + s.write + s.timeout,
    statusErrors: s.status,
  };
}

/**
 * One wrk run: one thread (the load generator has one core), `connections` connections.
 * `headers` e.g. ['Connection: close'] for a new connection per request; `script` a Lua
 * script in place of the summary one ({ file, args }: args go after wrk's `--`).
 */
export async function runWrk({ url, seconds, connections, headers = [], cpu, script }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '--latency'];
  args.push('-s', script?.file ?? SUMMARY_SCRIPT);
  for (const header of headers) args.push('-H', header);
  args.push(url);
  if (script?.args?.length) args.push('--', ...script.args);
  const [cmd, argv] = pinned(cpu, 'wrk', args);
  const { code, stdout, stderr } = await run(cmd, argv, { timeoutMs: (seconds + 30) * 1000 });
  const result = parseWrkJson(stdout) ?? parseWrkText(stdout);
  if (!result) {
    throw new Error(`wrk gave no report (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  }
  return result;
}
