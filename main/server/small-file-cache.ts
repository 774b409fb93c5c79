/**
 * A per-server cache of small files' bytes, so a hot 1 KiB file costs one `stat` per request
 * instead of realpath + open + fstat + read + close.
 *
 * Every hit is validated against a fresh `stat` of the same path: device, inode, size,
 * mtime and ctime must all match, so an edited, replaced or re-linked file is read again
 * on the very next request. An entry is only created after the file passed the symlink
 * policy; a later hit is the same inode, i.e. the same bytes that were allowed then.
 */
import type { Stats } from 'node:fs';
import { perServer } from './per-server.js';
import { identityOf, sameFile, type FileIdentity } from './same-file.js';

interface Entry {
  file: FileIdentity;
  data: Buffer;
}

/** Total bytes held per server: 32 files at the 1 MiB cap (docs/architecture.md § Performance decisions). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;

export class SmallFileCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes = MAX_CACHE_BYTES) {}

  get(fsPath: string, stats: Stats): Buffer | undefined {
    const entry = this.#entries.get(fsPath);
    if (!entry) return undefined;
    if (!sameFile(entry.file, stats)) {
      this.delete(fsPath);
      return undefined;
    }
    // Least recently used goes first: re-insert on every hit.
    this.#entries.delete(fsPath);
    this.#entries.set(fsPath, entry);
    return entry.data;
  }

  set(fsPath: string, stats: Stats, data: Buffer): void {
    if (data.length !== stats.size || data.length > this.maxBytes / 4) return;
    this.delete(fsPath);
    this.#entries.set(fsPath, { file: identityOf(stats), data });
    this.#bytes += data.length;
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(key);
      this.#bytes -= entry.data.length;
    }
  }

  delete(fsPath: string): void {
    const entry = this.#entries.get(fsPath);
    if (!entry) return;
    this.#entries.delete(fsPath);
    this.#bytes -= entry.data.length;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The cache of one server (handlers of the same server share it). */
export const smallFileCacheFor = perServer(() => new SmallFileCache());
