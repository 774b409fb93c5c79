/**
 * A link swapped between a folder inside the served folder and one outside, while clients
 * fetch a file through it. The check (real path inside the folder) and the open are two
 * steps, so the open can follow a link swapped in after the check; the small-file cache
 * must not then keep the outside bytes. The server runs in its own process and a second
 * process swaps the link (rename over it: the link always exists), so all three really
 * run at once. Nothing outside may ever be served, and once the swapping stops with the
 * link pointing outside, the file is 404 — neither cached inside bytes nor outside ones.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { link, mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/test-server.js';
import { startChildServer, type ChildServer } from './child-server-process.js';
import { recordFigure } from './figures.js';

const MAX_SWAPS = 2_000_000;
const REQUESTS = 4_000;
const CLIENTS = 4;
const INSIDE = 'inside bytes\n';
const OUTSIDE = 'OUTSIDE SECRET\n';

let base = '';
let server: ChildServer;

beforeAll(async () => {
  base = await makeTempDir({});
  await mkdir(path.join(base, 'site', 'in'), { recursive: true });
  await mkdir(path.join(base, 'outside'));
  await writeFile(path.join(base, 'site', 'in', 'f.txt'), INSIDE);
  await writeFile(path.join(base, 'outside', 'f.txt'), OUTSIDE);
  await symlink('in', path.join(base, 'site', 'race'));
  server = await startChildServer({ directory: path.join(base, 'site') });
});

afterAll(async () => {
  await server?.stop();
  await removeDir(base);
});

/**
 * Swaps `site/race` between `in` and the outside folder until told to stop (at most
 * MAX_SWAPS times), then leaves it pointing outside. Resolves with the number of swaps.
 */
function startSwapping(): { stop(): Promise<number> } {
  const script = `
    const fs = require('node:fs');
    const [site, outside, maxSwaps] = process.argv.slice(1);
    let stop = false;
    process.stdin.on('data', () => (stop = true)).resume();
    const point = (target) => {
      fs.symlinkSync(target, site + '/race.next');
      fs.renameSync(site + '/race.next', site + '/race');
    };
    let swaps = 0;
    const burst = () => {
      for (let i = 0; i < 200 && !stop && swaps < Number(maxSwaps); i++, swaps++)
        point(swaps % 2 === 0 ? outside : 'in');
      if (stop || swaps >= Number(maxSwaps)) {
        point(outside);
        process.stdout.write(String(swaps));
        process.exit(0);
      }
      setImmediate(burst);
    };
    burst();`;
  const child = spawn(
    process.execPath,
    ['-e', script, path.join(base, 'site'), path.join(base, 'outside'), String(MAX_SWAPS)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  const exited = new Promise<number>((resolve) => child.on('exit', () => resolve(Number(out))));
  return {
    stop() {
      child.stdin.end('stop\n');
      return exited;
    },
  };
}

function get(agent: http.Agent, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: target, agent }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('a link swapped while it is being served', () => {
  it('never serves outside bytes, and 404s once it stays pointing outside', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const swapper = startSwapping();
    const counts = { responses: 0, outside: 0, inside: 0, notFound: 0, other: 0 };
    const client = async (): Promise<void> => {
      while (counts.responses < REQUESTS) {
        const { status, body } = await get(agent, '/race/f.txt');
        counts.responses++;
        if (body.includes('OUTSIDE')) counts.outside++;
        else if (status === 200 && body === INSIDE) counts.inside++;
        else if (status === 404) counts.notFound++;
        else counts.other++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const swaps = await swapper.stop();
    const after = await get(agent, '/race/f.txt');
    const afterAgain = await get(agent, '/race/f.txt');
    agent.destroy();
    recordFigure('symlink-race', {
      swaps,
      ...counts,
      leakedPercent: Number(((100 * counts.outside) / Math.max(1, counts.responses)).toFixed(2)),
      afterSwapping: [after.status, afterAgain.status],
    });
    expect(counts.inside).toBeGreaterThan(0); // the race was really run
    expect(counts.outside).toBe(0);
    expect(counts.other).toBe(0);
    expect([after.status, after.body.includes('OUTSIDE')]).toEqual([404, false]);
    expect([afterAgain.status, afterAgain.body.includes('OUTSIDE')]).toEqual([404, false]);
  }, 120_000);

  it('a cached file is not served once its link points outside, even at the same file', async () => {
    // The outside name is a hard link to the very inode the cache holds: only the
    // containment check, not the cache's same-file check, can tell the two apart.
    const site = path.join(base, 'site');
    await mkdir(path.join(site, 'in2'));
    await mkdir(path.join(base, 'outside2'));
    await writeFile(path.join(site, 'in2', 'g.txt'), INSIDE);
    await link(path.join(site, 'in2', 'g.txt'), path.join(base, 'outside2', 'g.txt'));
    await symlink('in2', path.join(site, 'hop'));
    const agent = new http.Agent({ keepAlive: true });
    expect(await get(agent, '/hop/g.txt')).toEqual({ status: 200, body: INSIDE });
    expect(await get(agent, '/hop/g.txt')).toEqual({ status: 200, body: INSIDE }); // cached
    await symlink(path.join(base, 'outside2'), path.join(site, 'hop.next'));
    await rename(path.join(site, 'hop.next'), path.join(site, 'hop'));
    expect((await get(agent, '/hop/g.txt')).status).toBe(404);
    agent.destroy();
  });
});
