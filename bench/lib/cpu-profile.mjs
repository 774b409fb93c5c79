// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time per function and
// per file, so a profile can be read in a terminal or pasted into a report.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TOP = 30;

function shortUrl(url) {
  if (!url) return '(native)';
  const marker = url.lastIndexOf('/dist/lib/');
  if (marker >= 0) return url.slice(marker + '/dist/lib/'.length);
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/');
}

/**
 * { functions: [[name, ms]], files: [[file, ms]], totalMs, path } for the largest profile in
 * `dir` (the main thread's: worker threads, e.g. tsx's loader, write small ones beside it).
 */
export async function readProfile(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.cpuprofile'));
  const sized = await Promise.all(
    names.map(async (n) => ({ n, size: (await stat(path.join(dir, n))).size })),
  );
  const largest = sized.sort((a, b) => b.size - a.size)[0]?.n;
  if (!largest) throw new Error(`no .cpuprofile in ${dir}`);
  const file = path.join(dir, largest);
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  // timeDeltas[i] is the time (µs) before samples[i] was taken.
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const functions = new Map();
  const files = new Map();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id);
    const where = shortUrl(callFrame.url);
    const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    files.set(where, (files.get(where) ?? 0) + ms);
    totalMs += ms;
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { functions: sorted(functions), files: sorted(files), totalMs, path: file };
}

export async function summarizeProfile(dir) {
  const { functions, files, totalMs, path: file } = await readProfile(dir);
  const line = ([name, ms]) =>
    `${ms.toFixed(0).padStart(7)} ms ${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${name}`;
  return [
    `profile: ${file} (${(totalMs / 1000).toFixed(1)} s sampled)`,
    '',
    `self time by function (top ${TOP}):`,
    ...functions.slice(0, TOP).map(line),
    '',
    'self time by file:',
    ...files.slice(0, 20).map(line),
  ].join('\n');
}
