/**
 * The names a person may add to the Host check (docs/architecture.md § Engine: Host check), checked
 * the same way for `--allowed-host` and the app's "Allowed host names" field. Pure.
 */

/** At most this many names per server: the list is typed by a person, not generated. */
export const MAX_ALLOWED_HOSTS = 64;

// RFC 1123 §2.1 labels (letters, digits, hyphens); an optional leading dot means "this
// domain and its subdomains".
const HOST_NAME =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** null when `name` may be allowed, else what is wrong with it. */
export function validateAllowedHost(name: string): string | null {
  if (name === '*') return null;
  if (name.length > 253 || !HOST_NAME.test(name)) {
    return `"${name.slice(0, 80)}" is not a host name (letters, digits, dots and hyphens, or * for any)`;
  }
  return null;
}

/** Splits the app's field (commas, spaces or new lines between names) into names. */
export function splitHostList(text: string): string[] {
  return text.split(/[\s,]+/).filter((name) => name !== '');
}
