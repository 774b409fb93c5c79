// One large download with curl (to /dev/null), timed by curl itself.
import { spawnSync } from 'node:child_process';
import { pinned, run } from './processes.mjs';

const MIB = 1024 * 1024;

export function hasCurl() {
  return spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Returns { mibps, seconds, bytes, status, error } — error is set when not a full 200. */
export async function download({ url, expectedBytes, cpu }) {
  const args = ['-s', '-o', '/dev/null', '--max-time', '300'];
  args.push('-w', '%{http_code} %{size_download} %{time_total}', url);
  const [cmd, argv] = pinned(cpu, 'curl', args);
  const { code, stdout, stderr } = await run(cmd, argv);
  const [status, bytes, seconds] = stdout.trim().split(' ').map(Number);
  const result = { status, bytes, seconds, mibps: bytes / MIB / seconds, error: null };
  if (code !== 0) result.error = `curl exit ${code} ${stderr.trim()}`;
  else if (status !== 200) result.error = `status ${status}`;
  else if (bytes !== expectedBytes) result.error = `got ${bytes} of ${expectedBytes} bytes`;
  return result;
}
