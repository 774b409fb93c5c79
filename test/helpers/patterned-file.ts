/**
 * A large test file that is fast to make and impossible to confuse with another: one
 * pseudo-random 1 MiB block repeated, each copy with its block index written at its start
 * and its middle, so a range served from the wrong offset or a part stitched in the wrong
 * place changes the hash. Returns the file's sha256, computed while writing.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const BLOCK = 1024 * 1024;

function randomBlock(seed: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < BLOCK; i += 4) {
    // xorshift32: deterministic, not all zeros, not compressible into a pattern a bug hides in
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
  return block;
}

export async function writePatternedFile(file: string, mebibytes: number): Promise<string> {
  const block = randomBlock(0x9e3779b9);
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  try {
    for (let index = 0; index < mebibytes; index++) {
      const label = `block ${index} `;
      block.write(label.padEnd(16, '.'), 0, 'latin1');
      block.write(label.padEnd(16, '.'), BLOCK / 2, 'latin1');
      hash.update(block);
      await handle.write(block, 0, BLOCK, index * BLOCK);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
