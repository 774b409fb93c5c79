/**
 * `SimpleHTTPRequestHandler`: serves `directory` and below, as server.py does — index pages,
 * a 301 to the slash-terminated folder URL, directory listings, `If-Modified-Since`,
 * `guess_type` — with the symlink policy of file-access.ts and streaming in constant memory,
 * plus byte ranges and validators for files (byte-ranges.ts, validators.ts).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Stats } from 'node:fs';
import { BaseHTTPRequestHandler } from './base-handler.js';
import { lookUp, mayServe, openRegularFile, type FoundPath } from './file-access.js';
import { DEFAULT_EXTENSIONS_MAP, guessType } from './guess-type.js';
import { pyRepr } from './py-format.js';
import { LISTING_TAIL, listingHead, type ListingEntry } from './list-directory.js';
import {
  contentRange,
  DEFAULT_MAX_RANGES,
  parseRangeHeader,
  rangeLength,
  selectRanges,
  type RangeSelection,
} from './byte-ranges.js';
import { multipartLayout, partOverhead } from './multipart.js';
import {
  closeBody,
  FileBody,
  PartialBody,
  SlicedBody,
  type ResponseBody,
} from './response-body.js';
import { listingCacheFor } from './listing-cache.js';
import { sharedListingsFor } from './listing-slices.js';
import { smallFileCacheFor } from './small-file-cache.js';
import { statOrNull } from './shared-stat.js';
import { streamFile } from './stream-file.js';
import { encodeSurrogateEscape, fromFs, fsArg } from './surrogate-escape.js';
import type { SocketWriter } from './socket-writer.js';
import { isClientRoute } from './spa-route.js';
import { translatePath } from './translate-path.js';
import { folderRedirectLocation, originForm } from './url-path.js';
import {
  evaluatePreconditions,
  ifRangeHolds,
  strongETag,
  type CurrentValidators,
  type PreconditionVerdict,
} from './validators.js';

/**
 * Files up to this size are read whole (and cached, see small-file-cache.ts); a small one
 * leaves with its head in one write. Larger files stream in constant memory (stream-file.ts).
 * 1 MiB, not 64 KiB: 1 MiB files went 1.47k → 4.8k–7.5k req/s (docs/architecture.md § Performance decisions).
 */
const SMALL_FILE_BYTES = 1024 * 1024;

/** The entries of a folder as `list_directory` shows them. */
async function readListing(fsPath: string): Promise<ListingEntry[]> {
  // Names as bytes: one that is not UTF-8 must still open (surrogate-escape.ts).
  const dirents = await readdir(fsArg(fsPath), { withFileTypes: true, encoding: 'buffer' });
  return Promise.all(
    dirents.map(async (dirent) => {
      const isSymbolicLink = dirent.isSymbolicLink();
      // os.path.isdir follows links: only links need a stat.
      const isDirectory = isSymbolicLink
        ? ((await statOrNull(path.join(fsPath, fromFs(dirent.name))))?.isDirectory() ?? false)
        : dirent.isDirectory();
      return { name: fromFs(dirent.name), isDirectory, isSymbolicLink };
    }),
  );
}

/** Splits a target into path, query and fragment (urllib.parse.urlsplit for origin-form). */
function splitTarget(target: string): {
  pathname: string;
  query: string | null;
  fragment: string | null;
} {
  let rest = target;
  let fragment: string | null = null;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | null = null;
  const mark = rest.indexOf('?');
  if (mark !== -1) {
    query = rest.slice(mark + 1);
    rest = rest.slice(0, mark);
  }
  return { pathname: rest, query, fragment };
}

export class SimpleHTTPRequestHandler extends BaseHTTPRequestHandler {
  override serverVersion = 'SimpleHTTP/0.6';
  /** Suffix → MIME type overrides, consulted before the mime-types database. */
  extensionsMap: Record<string, string> = { ...DEFAULT_EXTENSIONS_MAP };
  /** Python 3.12 `index_pages`. */
  indexPages: string[] = ['index.html', 'index.htm'];
  /** The folder served; relative paths are taken from the current directory. */
  directory: string = process.cwd();
  /** false: follow a link only when its real target stays inside `directory`. */
  followSymlinks = false;
  /**
   * A listing page up to this many bytes is sent as one buffer and cached (listing-cache.ts
   * keeps pages up to 4 MiB); a bigger one streams from shared slices (listing-slices.ts).
   */
  listingBufferBytes = 4 * 1024 * 1024;
  /** `--spa`: a GET/HEAD for a missing, extension-less path gets the root index.html. */
  spaFallback = false;
  /** Range-specs a request may ask for before its Range is ignored (byte-ranges.ts); 0: none. */
  maxRanges = DEFAULT_MAX_RANGES;

  async do_GET(): Promise<void> {
    const body = await this.sendHead();
    if (!body) return;
    try {
      await this.copyFile(body, this.wfile);
    } finally {
      await closeBody(body);
    }
  }

  async do_HEAD(): Promise<void> {
    const body = await this.sendHead();
    if (body) await closeBody(body);
  }

  /** The served folder as an absolute path. */
  get root(): string {
    return path.resolve(this.directory);
  }

  /**
   * Sends the status line and headers; returns the body for `do_GET` to copy, or null when
   * the response is complete (redirect, 304, error).
   */
  async sendHead(): Promise<ResponseBody | null> {
    let fsPath = this.translatePath(this.path);
    // Containment is decided before anything else (the folder redirect included), so a
    // path the link policy refuses answers exactly as a missing one.
    let found = await this.#lookUp(fsPath);
    if (found?.stats.isDirectory()) {
      const { pathname, query, fragment } = splitTarget(originForm(this.path));
      if (!/(?:\/|%2f)$/i.test(pathname)) {
        // A Location starting with '//' or '/\' (in any spelling) would leave the site.
        const location = folderRedirectLocation(pathname, query, fragment);
        this.sendResponse(301);
        this.sendHeader('Location', location);
        this.sendHeader('Content-Length', '0');
        await this.endHeaders();
        return null;
      }
      const index = await this.#findIndexPage(fsPath);
      if (index === null) return this.listDirectory(found.real);
      [fsPath, found] = index;
    }
    if (found === null && this.spaFallback && isClientRoute(this.command, originForm(this.path))) {
      fsPath = this.translatePath('/index.html');
      found = await this.#lookUp(fsPath);
    }
    // Nothing there (or not a regular file): server.py's open() fails the same way → 404.
    if (found === null || !found.stats.isFile() || /[\\/]$/.test(fsPath)) {
      await this.sendError(404, 'File not found');
      return null;
    }
    // Keyed by the real path that just passed the check: a hit is never a skipped check.
    const cache = smallFileCacheFor(this.server);
    const cached = cache.get(found.real, found.stats);
    if (cached) return this.#sendFileHead(fsPath, found.stats, cached);
    const opened = await openRegularFile(this.root, found, this.followSymlinks);
    if (!opened) {
      await this.sendError(404, 'File not found');
      return null;
    }
    const { handle, stats: fileStats } = opened;
    if (fileStats.size > SMALL_FILE_BYTES) {
      return this.#sendFileHead(fsPath, fileStats, new FileBody(handle, fileStats.size));
    }
    const data = Buffer.allocUnsafe(fileStats.size);
    const { bytesRead } = await handle
      .read(data, 0, fileStats.size, 0)
      .finally(() => handle.close());
    const body = data.subarray(0, bytesRead);
    cache.set(found.real, fileStats, body);
    return this.#sendFileHead(fsPath, fileStats, body);
  }

  /**
   * `fsPath` if it exists and the link policy allows it; null otherwise. A refusal is logged
   * for the person running the server and never told to the client: it must not learn what
   * exists outside the folder.
   */
  async #lookUp(fsPath: string): Promise<FoundPath | null> {
    const result = await lookUp(this.root, fsPath, this.followSymlinks);
    if (result === 'missing') return null;
    if ('outside' in result) {
      this.logMessage(
        'refused %s: its real path %s is outside the served folder (answered as missing)',
        pyRepr(fsPath),
        pyRepr(result.outside),
      );
      return null;
    }
    return result;
  }

  /**
   * A file's answer: its preconditions (RFC 9110 §13.2.2) may end it with 304 or 412; else
   * a Range may make it a 206 or 416 (`parseRange`, `sendRangeHead`); else 200 with
   * server.py's three headers, then `ETag` and `Accept-Ranges`.
   */
  async #sendFileHead(
    fsPath: string,
    fileStats: Stats,
    body: ResponseBody,
  ): Promise<ResponseBody | null> {
    const validators = { etag: this.fileETag(fileStats), mtimeMs: fileStats.mtimeMs };
    const verdict = this.checkPreconditions(validators);
    if (verdict !== 'proceed') {
      await closeBody(body);
      if (verdict === 'precondition-failed') {
        await this.sendError(412);
        return null;
      }
      this.sendResponse(304);
      // RFC 9110 §15.4.5: a 304 carries the ETag a 200 would have.
      if (validators.etag !== null) this.sendHeader('ETag', validators.etag);
      await this.endHeaders();
      return null;
    }
    const size = Buffer.isBuffer(body) ? body.length : fileStats.size; // a file read short is sent as read
    const contentType = this.guessType(fsPath);
    const selection = this.parseRange(size, contentType, validators);
    if (selection.kind !== 'whole') {
      return this.sendRangeHead(selection, body, size, contentType, validators);
    }
    this.sendResponse(200);
    this.sendHeader('Content-type', contentType);
    this.sendHeader('Content-Length', String(size));
    this.sendHeader('Last-Modified', this.dateTimeString(fileStats.mtimeMs / 1000));
    this.#sendRangeValidators(validators.etag);
    void this.endHeaders();
    return body;
  }

  /** The strong ETag of a file (validators.ts); return null to send none. */
  fileETag(stats: Stats): string | null {
    return strongETag(stats);
  }

  /** RFC 9110 §13.2.2 steps 1–4; If-Modified-Since exactly as server.py. */
  checkPreconditions(current: CurrentValidators): PreconditionVerdict {
    // List fields may come in several lines: together they are one list (RFC 9110 §5.3).
    const list = (name: string) => {
      const lines = this.headers.getAll(name);
      return lines.length > 0 ? lines.join(', ') : undefined;
    };
    return evaluatePreconditions(
      {
        ifMatch: list('If-Match'),
        ifNoneMatch: list('If-None-Match'),
        ifModifiedSince: this.headers.get('If-Modified-Since'),
        ifUnmodifiedSince: this.headers.get('If-Unmodified-Since'),
      },
      current,
    );
  }

  /**
   * What the request's `Range` selects of a file of `size` bytes (byte-ranges.ts): the whole
   * file when there is none, it is invalid, several Range lines came, If-Range fails, or the
   * amplification policy refuses it; else the parts or unsatisfiable.
   */
  parseRange(size: number, contentType: string, current: CurrentValidators): RangeSelection {
    const lines = this.headers.getAll('Range');
    if (lines.length !== 1 || this.maxRanges <= 0) return { kind: 'whole' };
    const ifRange = this.headers.get('If-Range');
    if (ifRange !== undefined && !ifRangeHolds(ifRange, current, Date.now())) {
      return { kind: 'whole' };
    }
    const specs = parseRangeHeader(lines[0] as string, this.maxRanges);
    if (specs === null) return { kind: 'whole' };
    return selectRanges(specs, size, {
      maxRanges: this.maxRanges,
      partOverhead: partOverhead(contentType, size),
    });
  }

  /** Sends a 206 (one part, or multipart/byteranges) or a 416, and returns the 206's body. */
  async sendRangeHead(
    selection: Exclude<RangeSelection, { kind: 'whole' }>,
    body: ResponseBody,
    size: number,
    contentType: string,
    current: CurrentValidators,
  ): Promise<ResponseBody | null> {
    if (selection.kind === 'unsatisfiable') {
      await closeBody(body);
      await this.#sendRangeNotSatisfiable(size);
      return null;
    }
    if (body instanceof PartialBody || body instanceof SlicedBody)
      throw new TypeError('sendRangeHead: the body must be a file or its bytes');
    const { ranges } = selection;
    this.sendResponse(206);
    let partial: PartialBody;
    const [only] = ranges;
    if (ranges.length === 1 && only) {
      this.sendHeader('Content-type', contentType);
      this.sendHeader('Content-Range', contentRange(only, size));
      this.sendHeader('Content-Length', String(rangeLength(only)));
      partial = new PartialBody(body, [{ head: Buffer.alloc(0), range: only }]);
    } else {
      const layout = multipartLayout(ranges, size, contentType);
      this.sendHeader('Content-type', layout.contentType);
      this.sendHeader('Content-Length', String(layout.length));
      partial = new PartialBody(body, layout.parts, layout.tail);
    }
    this.sendHeader('Last-Modified', this.dateTimeString(current.mtimeMs / 1000));
    this.#sendRangeValidators(current.etag);
    void this.endHeaders();
    return partial;
  }

  #sendRangeValidators(etag: string | null): void {
    if (etag !== null) this.sendHeader('ETag', etag);
    this.sendHeader('Accept-Ranges', this.maxRanges > 0 ? 'bytes' : 'none');
  }

  /** 416 with `Content-Range: bytes *\/size` (RFC 9110 §15.5.17); the connection stays open. */
  async #sendRangeNotSatisfiable(size: number): Promise<void> {
    const [message, explain] = this.responses[416] ?? ['Range Not Satisfiable', ''];
    this.logError('code %d, message %s', 416, message);
    this.sendResponse(416, message);
    this.sendHeader('Content-Range', contentRange(null, size));
    const page = this.errorPage(416, message, explain) ?? Buffer.alloc(0);
    this.sendHeader('Content-Type', this.errorContentType);
    this.sendHeader('Content-Length', String(page.length));
    const headersWritten = this.endHeaders();
    if (this.command !== 'HEAD') await this.wfile.write(page);
    await headersWritten;
  }

  /** The first index page that is a file the link policy allows (a refused one is missing). */
  async #findIndexPage(dirPath: string): Promise<[string, FoundPath] | null> {
    for (const name of this.indexPages) {
      const candidate = path.join(dirPath, name);
      const found = await this.#lookUp(candidate);
      if (found?.stats.isFile()) return [candidate, found];
    }
    return null;
  }

  /** Sends the headers of a listing of `fsPath` and returns its HTML, or 404s. */
  async listDirectory(fsPath: string): Promise<ResponseBody | null> {
    const dirStats = await statOrNull(fsPath);
    let body: Buffer | SlicedBody;
    try {
      if (!dirStats || !(await mayServe(this.root, fsPath, this.followSymlinks)))
        throw new Error('outside root');
      body =
        listingCacheFor(this.server).get(fsPath, dirStats, this.path) ??
        (await this.#renderListing(fsPath, dirStats));
    } catch {
      await this.sendError(404, 'No permission to list directory');
      return null;
    }
    this.sendResponse(200);
    this.sendHeader('Content-type', 'text/html; charset=utf-8');
    // Known before the first byte, big or small: the slices are rendered before sending.
    this.sendHeader('Content-Length', String(body.length));
    void this.endHeaders();
    return body;
  }

  /**
   * A listing page: this request's head, the entries rendered in slices (shared with other
   * requests for the folder), the tail. Up to `listingBufferBytes` it becomes one buffer,
   * cached and sent with the head in one write; a bigger one streams from the slices.
   */
  async #renderListing(fsPath: string, dirStats: Stats): Promise<Buffer | SlicedBody> {
    const { rendered, release } = await sharedListingsFor(this.server).acquire(
      fsPath,
      dirStats,
      () => readListing(fsPath),
    );
    const parts = [
      encodeSurrogateEscape(listingHead(this.path)),
      ...rendered.slices,
      Buffer.from(LISTING_TAIL, 'utf8'),
    ];
    const body = new SlicedBody(parts, release);
    if (body.length > this.listingBufferBytes) return body;
    release();
    const page = Buffer.concat(parts, body.length);
    if (!rendered.hasLinks) listingCacheFor(this.server).set(fsPath, dirStats, this.path, page);
    return page;
  }

  translatePath(urlPath: string): string {
    return translatePath(urlPath, this.root);
  }

  /** Copies `source` to the client with backpressure; a file that shrank cuts the connection. */
  async copyFile(source: ResponseBody, outputfile: SocketWriter): Promise<void> {
    if (source instanceof PartialBody) {
      await this.#copyParts(source, outputfile);
      return;
    }
    if (Buffer.isBuffer(source)) {
      await outputfile.write(source);
      return;
    }
    if (source instanceof SlicedBody) {
      // Each write resolves once the socket has room again: a slow client holds references
      // to the shared slices, never copies of them.
      for (const part of source.parts) await outputfile.write(part);
      return;
    }
    await this.#copyFromFile(source, 0, source.size, outputfile);
  }

  /** The parts of a 206: cached bytes as slices of the one buffer, files from each offset. */
  async #copyParts(body: PartialBody, outputfile: SocketWriter): Promise<void> {
    const { source } = body;
    for (const { head, range } of body.parts) {
      await outputfile.write(head);
      if (Buffer.isBuffer(source)) {
        await outputfile.write(source.subarray(range.start, range.end + 1));
      } else if (!(await this.#copyFromFile(source, range.start, rangeLength(range), outputfile))) {
        return;
      }
    }
    await outputfile.write(body.tail);
  }

  /** Streams `length` bytes from `start`; false (connection cut) when the file shrank. */
  async #copyFromFile(
    file: FileBody,
    start: number,
    length: number,
    outputfile: SocketWriter,
  ): Promise<boolean> {
    const sent = await streamFile(file.handle, length, outputfile, start);
    if (sent === length) return true;
    // The file was truncated while sending: padding would corrupt it, so cut the connection.
    this.logError('File shrank while sending (%d of %d bytes)', sent, length);
    this.closeConnection = true;
    this.request.destroy();
    return false;
  }

  guessType(filePath: string): string {
    return guessType(filePath, this.extensionsMap);
  }
}
