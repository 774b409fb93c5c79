// The data every server serves: the same bytes from one temporary folder.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

export const LISTING_ENTRIES = 10_000;

/** URL paths of the generated data, shared by the workloads and the correctness probe. */
export const PATHS = {
  small: '/small-1k.bin',
  medium: '/medium-1m.bin',
  big: '/big.bin',
  listing: '/listing-10k/',
  missing: '/no-such-file',
};

async function writeBigFile(file, mib) {
  // Random (incompressible) 1 MiB block repeated: the server still reads every byte from disk
  // or page cache, and the generator does not spend seconds on crypto.
  const block = randomBytes(1024 * 1024);
  const out = createWriteStream(file);
  for (let i = 0; i < mib; i++) {
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function writeListing(dir) {
  await mkdir(dir);
  const names = Array.from(
    { length: LISTING_ENTRIES },
    (_, i) => `entry-${String(i).padStart(5, '0')}.txt`,
  );
  // Batches keep the number of open file handles bounded.
  for (let i = 0; i < names.length; i += 500) {
    await Promise.all(names.slice(i, i + 500).map((name) => writeFile(path.join(dir, name), name)));
  }
}

/** Creates the data folder; returns { root, dir, sizes, cleanup }. `dir` is what servers serve. */
export async function createDataset({ bigFileMiB }) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-bench-'));
  const dir = path.join(root, 'www');
  await mkdir(dir);
  await writeFile(path.join(dir, PATHS.small.slice(1)), randomBytes(1024));
  await writeFile(path.join(dir, PATHS.medium.slice(1)), randomBytes(1024 * 1024));
  await writeBigFile(path.join(dir, PATHS.big.slice(1)), bigFileMiB);
  await writeListing(path.join(dir, PATHS.listing.slice(1, -1)));
  return {
    root,
    dir,
    sizes: { small: 1024, medium: 1024 * 1024, big: bigFileMiB * 1024 * 1024 },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
