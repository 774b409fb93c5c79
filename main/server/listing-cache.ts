/**
 * A per-server cache of rendered directory listings. A 10,000-entry folder costs a readdir,
 * a sort and ~600 KB of HTML per request; repeated requests (a class reloading the same
 * folder) then cost one `stat` of the folder.
 *
 * A listing is reused only while the folder is the same (same-file.ts: adding, removing or
 * renaming an entry moves its mtime and ctime) — and never for a folder that holds a
 * symbolic link, whose target can change kind (file ↔ folder) without touching the folder.
 */
import type { Stats } from 'node:fs';
import { perServer } from './per-server.js';
import { identityOf, sameFile, type FileIdentity } from './same-file.js';

interface Listing {
  folder: FileIdentity;
  /** Rendered bodies by request path (the title shows the path). */
  bodies: Map<string, Buffer>;
  bytes: number;
}

/**
 * Bytes of rendered HTML kept per server: about 25 listings of 10,000 entries (~600 KB each),
 * at 90 MiB peak RSS in the listing benchmark (docs/architecture.md § Performance decisions).
 */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;
/** Request-path spellings kept per folder (`/a/`, `/a/?x`, …): bounds a query-string flood. */
const MAX_BODIES_PER_FOLDER = 4;

export class ListingCache {
  readonly #listings = new Map<string, Listing>();
  #bytes = 0;

  get(fsPath: string, dir: Stats, requestPath: string): Buffer | undefined {
    const listing = this.#listings.get(fsPath);
    if (!listing) return undefined;
    if (!sameFile(listing.folder, dir)) {
      this.#drop(fsPath, listing);
      return undefined;
    }
    return listing.bodies.get(requestPath);
  }

  set(fsPath: string, dir: Stats, requestPath: string, body: Buffer): void {
    if (body.length > MAX_CACHE_BYTES / 4) return;
    let listing = this.#listings.get(fsPath);
    if (!listing || !sameFile(listing.folder, dir)) {
      if (listing) this.#drop(fsPath, listing);
      listing = {
        folder: identityOf(dir),
        bodies: new Map(),
        bytes: 0,
      };
      this.#listings.set(fsPath, listing);
    }
    if (listing.bodies.size >= MAX_BODIES_PER_FOLDER) return;
    listing.bodies.set(requestPath, body);
    listing.bytes += body.length;
    this.#bytes += body.length;
    for (const [key, oldest] of this.#listings) {
      if (this.#bytes <= MAX_CACHE_BYTES) break;
      this.#drop(key, oldest);
    }
  }

  #drop(fsPath: string, listing: Listing): void {
    this.#listings.delete(fsPath);
    this.#bytes -= listing.bytes;
  }
}

/** The cache of one server (handlers of the same server share it). */
export const listingCacheFor = perServer(() => new ListingCache());
