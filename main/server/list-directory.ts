/**
 * The HTML of `list_directory`, exactly as server.py writes it (sorted case-insensitively,
 * names HTML-escaped and URL-quoted, `/` after folders, `@` after links), plus the
 * `color-scheme` style of Python 3.14 and the query-free title of gh-133889.
 */
import { escapeHtml } from './error-page.js';
import { pathPart, quote, percentDecodePath } from './url-path.js';

export interface ListingEntry {
  name: string;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/** Python's `list.sort(key=lambda a: a.lower())`: stable, by lower-cased name. */
export function sortEntries<T extends { name: string }>(entries: T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, key: entry.name.toLowerCase() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}

/** The page up to the first entry: doctype, head, title, heading, the list's opening. */
export function listingHead(requestPath: string): string {
  const displayPath = escapeHtml(percentDecodePath(pathPart(requestPath)));
  const title = `Directory listing for ${displayPath}`;
  return [
    '<!DOCTYPE HTML>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<style type="text/css">\n:root {\ncolor-scheme: light dark;\n}\n</style>',
    `<title>${title}</title>\n</head>`,
    `<body>\n<h1>${title}</h1>`,
    '<hr>\n<ul>\n',
  ].join('\n');
}

/** One entry's line: server.py joins its lines with '\n', so each entry ends with one. */
export function listingItem(entry: ListingEntry): string {
  let displayName = entry.name;
  let linkName = entry.name;
  if (entry.isDirectory) {
    displayName += '/';
    linkName += '/';
  }
  if (entry.isSymbolicLink) displayName = entry.name + '@';
  return `<li><a href="${quote(linkName)}">${escapeHtml(displayName)}</a></li>\n`;
}

/** The page after the last entry. */
export const LISTING_TAIL = '</ul>\n<hr>\n</body>\n</html>\n';
