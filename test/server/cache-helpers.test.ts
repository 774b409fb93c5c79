/**
 * The engine's shared cache helpers: one notion of "the same file" for the small-file and
 * listing caches, one containment proof, one cache per server.
 */
import { describe, expect, it } from 'vitest';
import { ListingCache, listingCacheFor } from '../../main/server/listing-cache.js';
import { isInside } from '../../main/server/path-inside.js';
import { sameFile, type FileIdentity } from '../../main/server/same-file.js';
import { SmallFileCache, smallFileCacheFor } from '../../main/server/small-file-cache.js';
import type { Stats } from 'node:fs';

const FOLDER: FileIdentity = { dev: 1, ino: 10, size: 4096, mtimeMs: 5, ctimeMs: 6 };
const asStats = (identity: FileIdentity): Stats => identity as unknown as Stats;

describe('sameFile', () => {
  it.each(['dev', 'ino', 'size', 'mtimeMs', 'ctimeMs'] as const)(
    'a different %s is a different file',
    (field) => {
      expect(sameFile(FOLDER, { ...FOLDER })).toBe(true);
      expect(sameFile(FOLDER, { ...FOLDER, [field]: FOLDER[field] + 1 })).toBe(false);
    },
  );
});

describe('ListingCache', () => {
  it('a folder seen on another device replaces the old listing instead of joining it', () => {
    const cache = new ListingCache();
    const otherDevice = asStats({ ...FOLDER, dev: 2 });
    cache.set('/srv/a', asStats(FOLDER), '/a/', Buffer.from('old device'));
    cache.set('/srv/a', otherDevice, '/a/?x', Buffer.from('new device'));
    expect(cache.get('/srv/a', otherDevice, '/a/?x')?.toString()).toBe('new device');
    expect(cache.get('/srv/a', otherDevice, '/a/')).toBeUndefined();
  });
});

describe('SmallFileCache', () => {
  it('misses once the file changed', () => {
    const cache = new SmallFileCache();
    const file = { ...FOLDER, size: 2 };
    cache.set('/srv/f', asStats(file), Buffer.from('ab'));
    expect(cache.get('/srv/f', asStats(file))?.toString()).toBe('ab');
    expect(cache.get('/srv/f', asStats({ ...file, ctimeMs: 7 }))).toBeUndefined();
  });
});

describe('per-server caches', () => {
  it('handlers of one server share a cache; two servers never do', () => {
    const [one, two] = [{}, {}];
    expect(smallFileCacheFor(one)).toBe(smallFileCacheFor(one));
    expect(smallFileCacheFor(one)).not.toBe(smallFileCacheFor(two));
    expect(listingCacheFor(one)).toBe(listingCacheFor(one));
    expect(listingCacheFor(one)).not.toBe(listingCacheFor(two));
  });
});

describe('isInside', () => {
  it.each([
    ['/srv/site', '/srv/site', {}, true],
    ['/srv/site', '/srv/site', { strict: true }, false],
    ['/srv/site', '/srv/site/a/b', {}, true],
    ['/srv/site', '/srv/site/..a', {}, true],
    ['/srv/site', '/srv/site-private/a', {}, false],
    ['/srv/site', '/srv/site/../other', {}, false],
    ['/srv/site', '/srv', {}, false],
    ['/srv/site', '/SRV/Site/a', {}, false],
    ['/srv/site', '/SRV/Site/a', { foldCase: true }, true],
  ])('isInside(%s, %s, %o) → %s', (root, child, options, expected) => {
    expect(isInside(root, child, options)).toBe(expected);
  });
});
