/**
 * A folder's listing entries, sorted and rendered to HTML in slices that yield to the event
 * loop, and shared by every request for that folder while any of them is still using it.
 *
 * A 50,000-entry folder is a ~7 MB page. Rendered in one go per request, 40 requests at once
 * held the event loop for seconds and peaked at 835 MB. Rendered once in slices, a request
 * holds only its own head (the title shows its path) and references to the shared slices,
 * which it streams out with backpressure (simple-handler.ts `copyFile`).
 */
import type { Stats } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { listingItem, sortEntries, type ListingEntry } from './list-directory.js';
import { perServer } from './per-server.js';
import { identityOf, sameFile, type FileIdentity } from './same-file.js';
import { encodeSurrogateEscape } from './surrogate-escape.js';

/** Entries rendered between two turns of the event loop (~140 KB of HTML for long names). */
const SLICE_ENTRIES = 1_000;

/** The entries' part of a listing page, request-independent. */
export interface RenderedEntries {
  /** UTF-8 HTML, one buffer per slice, each ending with a whole line. */
  slices: Buffer[];
  bytes: number;
  /** A link's target can change kind without touching the folder: never cache such a page. */
  hasLinks: boolean;
}

/** Sorts as server.py does, then renders SLICE_ENTRIES lines per turn of the event loop. */
export async function renderEntriesInSlices(entries: ListingEntry[]): Promise<RenderedEntries> {
  const sorted = sortEntries(entries);
  const slices: Buffer[] = [];
  let bytes = 0;
  for (let start = 0; start < sorted.length; start += SLICE_ENTRIES) {
    if (start > 0) await nextTurn();
    let html = '';
    for (const entry of sorted.slice(start, start + SLICE_ENTRIES)) html += listingItem(entry);
    const slice = encodeSurrogateEscape(html); // a name's undecodable bytes go out raw, as server.py's
    slices.push(slice);
    bytes += slice.length;
  }
  return { slices, bytes, hasLinks: entries.some((entry) => entry.isSymbolicLink) };
}

interface SharedRender {
  folder: FileIdentity;
  rendered: Promise<RenderedEntries>;
  users: number;
}

export interface HeldEntries {
  rendered: RenderedEntries;
  /** Call once the response no longer needs the slices (idempotent). */
  release(): void;
}

export class SharedListings {
  readonly #byFolder = new Map<string, SharedRender>();

  /**
   * The rendered entries of `fsPath`, shared with every request holding the same folder
   * (same-file.ts: an added, removed or renamed entry makes a new render). Dropped when the
   * last holder releases it, so nothing outlives its requests (listing-cache.ts keeps the
   * pages worth keeping).
   */
  async acquire(
    fsPath: string,
    folder: Stats,
    read: () => Promise<ListingEntry[]>,
  ): Promise<HeldEntries> {
    let shared = this.#byFolder.get(fsPath);
    if (!shared || !sameFile(shared.folder, folder)) {
      // An older render stays alive for the requests still streaming it.
      shared = {
        folder: identityOf(folder),
        rendered: read().then(renderEntriesInSlices),
        users: 0,
      };
      this.#byFolder.set(fsPath, shared);
    }
    const held = shared;
    held.users += 1;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users === 0 && this.#byFolder.get(fsPath) === held) this.#byFolder.delete(fsPath);
    };
    try {
      return { rendered: await held.rendered, release };
    } catch (err) {
      release();
      throw err;
    }
  }
}

/** The shared renders of one server. */
export const sharedListingsFor = perServer(() => new SharedListings());
