#!/usr/bin/env node
// wget against httpdesk (HTTP/1.0 and HTTP/1.1 modes) and `python3 -m http.server`: one
// `wget -i` of 100 URLs of one page (wget reuses connections when it believes it may), and
// `wget --mirror` of a generated tree of linked pages. Wall time per run, as JSON lines.
//
//   npm run build && node bench/wget-reuse.mjs [--pages 300]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, stopProcess } from './lib/processes.mjs';
import { option } from './lib/victim.mjs';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/lib/main/cli.js');
const args = process.argv.slice(2);
const pages = Number(option(args, '--pages', '300'));

/** A tree of `count` pages in folders of 20, each linking to the next and to its folder. */
function makeTree(root, count) {
  const pageUrl = (i) => `/d${Math.floor(i / 20)}/p${i}.html`;
  for (let i = 0; i < count; i++) {
    const file = path.join(root, pageUrl(i));
    mkdirSync(path.dirname(file), { recursive: true });
    const next = i + 1 < count ? `<a href="${pageUrl(i + 1)}">next</a>` : '';
    writeFileSync(file, `<html><body><p>page ${i}</p>${next} <a href="./">up</a></body></html>\n`);
  }
  writeFileSync(path.join(root, 'index.html'), `<a href="${pageUrl(0)}">start</a>\n`);
}

function timed(command, argv, cwd) {
  const started = performance.now();
  const result = spawnSync(command, argv, { cwd, stdio: 'ignore' });
  return { seconds: Math.round((performance.now() - started) / 10) / 100, exit: result.status };
}

const site = mkdtempSync(path.join(tmpdir(), 'wget-site-'));
makeTree(site, pages);
const servers = [
  ['httpdesk HTTP/1.0', process.execPath, [CLI, '-b', '127.0.0.1']],
  ['httpdesk HTTP/1.1', process.execPath, [CLI, '-p', 'HTTP/1.1', '-b', '127.0.0.1']],
  ['python HTTP/1.0', 'python3', ['-m', 'http.server', '-b', '127.0.0.1']],
];
for (const [name, command, argv] of servers) {
  const port = await freePort();
  const server = await startProcess({
    name,
    command,
    args: [...argv, String(port)],
    cwd: site,
    port,
    cpu: null,
    logFile: path.join(tmpdir(), `wget-bench-${port}.log`),
  });
  try {
    const work = mkdtempSync(path.join(tmpdir(), 'wget-out-'));
    const list = path.join(work, 'urls');
    writeFileSync(list, `http://127.0.0.1:${port}/d0/p0.html\n`.repeat(100));
    const sequential = timed('wget', ['-q', '-O', '/dev/null', '-i', list], work);
    const mirror = timed('wget', ['-q', '--mirror', '-np', `http://127.0.0.1:${port}/`], work);
    rmSync(work, { recursive: true, force: true });
    console.log(JSON.stringify({ server: name, hundredUrls: sequential, mirror, pages }));
  } finally {
    await stopProcess(server);
  }
}
rmSync(site, { recursive: true, force: true });
