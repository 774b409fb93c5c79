/**
 * Validators and preconditions for files (RFC 9110 §8.8, §13): a strong `ETag` made from
 * what the engine already stats, and the evaluation of If-Match, If-Unmodified-Since,
 * If-None-Match, If-Modified-Since and If-Range in the order of §13.2.2.
 *
 * If-Modified-Since keeps server.py's exact rule: only without If-None-Match, only for a
 * date in UTC, and compared at whole seconds.
 */
import type { BigIntStats, Stats } from 'node:fs';
import { parseHttpDate } from './http-date.js';

/**
 * A strong entity tag from inode, size and modification time with sub-second precision.
 * BigIntStats carry nanoseconds exactly; plain Stats carry them in `mtimeMs` to the
 * precision of a double (a fraction of a microsecond today). The inode changes when a file
 * is replaced by rename (editors, rsync), size and mtime when it is written in place.
 */
export function strongETag(stats: Stats | BigIntStats): string {
  if (typeof stats.size === 'bigint') {
    const s = stats as BigIntStats;
    return `"${s.ino.toString(16)}-${s.size.toString(16)}-${s.mtimeNs.toString(16)}"`;
  }
  const s = stats as Stats;
  const seconds = Math.floor(s.mtimeMs / 1000);
  const nanos = Math.round((s.mtimeMs - seconds * 1000) * 1e6);
  const mtimeNs = BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
  return `"${s.ino.toString(16)}-${s.size.toString(16)}-${mtimeNs.toString(16)}"`;
}

interface EntityTag {
  weak: boolean;
  /** The opaque-tag with its quotes. */
  opaque: string;
}

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (RFC 9110 §8.8.3), etagc = %x21 / %x23-7E / obs-text
const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;

/** `"*"` or a list of entity tags; null when the value is not valid (it then matches nothing). */
function parseEntityTags(value: string): '*' | EntityTag[] | null {
  if (value.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  for (const element of value.split(',')) {
    const text = element.trim();
    if (text === '') continue;
    const match = ENTITY_TAG.exec(text);
    if (!match) return null;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] as string });
  }
  return tags;
}

function isWeak(etag: string): boolean {
  return etag.startsWith('W/');
}

/** §8.8.3.2 strong comparison: both strong, same opaque tag. */
function strongMatch(tag: EntityTag, current: string): boolean {
  return !tag.weak && !isWeak(current) && tag.opaque === current;
}

/** §8.8.3.2 weak comparison: same opaque tag, weakness ignored. */
function weakMatch(tag: EntityTag, current: string): boolean {
  return tag.opaque === current.replace(/^W\//, '');
}

/** The request fields a precondition reads; several lines of a list field are joined. */
export interface ConditionalFields {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

/** The file's current validators. */
export interface CurrentValidators {
  /** null when the handler sends no ETag (then every tag comparison fails, "*" still holds). */
  etag: string | null;
  mtimeMs: number;
}

export type PreconditionVerdict = 'proceed' | 'not-modified' | 'precondition-failed';

const wholeSecondsMs = (mtimeMs: number) => Math.floor(mtimeMs / 1000) * 1000;

/** If-Match (§13.1.1): "*" or a strong match with the current tag. */
function ifMatchHolds(value: string, etag: string | null): boolean {
  const tags = parseEntityTags(value);
  if (tags === '*') return true;
  return etag !== null && tags !== null && tags.some((tag) => strongMatch(tag, etag));
}

/** If-None-Match (§13.1.2): false when "*" or any tag matches weakly. */
function ifNoneMatchHolds(value: string, etag: string | null): boolean {
  const tags = parseEntityTags(value);
  if (tags === '*') return false;
  return etag === null || tags === null || !tags.some((tag) => weakMatch(tag, etag));
}

/**
 * RFC 9110 §13.2.2 steps 1–4 for GET and HEAD of an existing file. Step 5 (If-Range) is
 * `ifRangeHolds`, asked only when the request has a Range.
 */
export function evaluatePreconditions(
  fields: ConditionalFields,
  current: CurrentValidators,
): PreconditionVerdict {
  if (fields.ifMatch !== undefined) {
    if (!ifMatchHolds(fields.ifMatch, current.etag)) return 'precondition-failed';
  } else if (fields.ifUnmodifiedSince !== undefined) {
    // §13.1.4: an invalid date is ignored.
    const date = parseHttpDate(fields.ifUnmodifiedSince);
    if (date !== null && wholeSecondsMs(current.mtimeMs) > date) return 'precondition-failed';
  }
  if (fields.ifNoneMatch !== undefined) {
    if (!ifNoneMatchHolds(fields.ifNoneMatch, current.etag)) return 'not-modified';
  } else if (fields.ifModifiedSince !== undefined) {
    // server.py send_head: a date it cannot read, or one not in UTC, is ignored.
    const since = parseHttpDate(fields.ifModifiedSince);
    if (since !== null && wholeSecondsMs(current.mtimeMs) <= since) return 'not-modified';
  }
  return 'proceed';
}

/**
 * If-Range (§13.1.5): whether the Range may be honoured. An entity tag must match strongly;
 * a date must equal Last-Modified exactly and be a strong validator (§8.8.2.2): the second
 * it names must be over by at least a second, so a second change within it cannot hide.
 */
export function ifRangeHolds(value: string, current: CurrentValidators, nowMs: number): boolean {
  const text = value.trim();
  if (text.startsWith('"') || text.startsWith('W/')) {
    const tags = parseEntityTags(text);
    if (tags === null || tags === '*' || tags.length !== 1 || current.etag === null) return false;
    return strongMatch(tags[0] as EntityTag, current.etag);
  }
  const date = parseHttpDate(text);
  if (date === null || date !== wholeSecondsMs(current.mtimeMs)) return false;
  return nowMs - current.mtimeMs >= 1000;
}
