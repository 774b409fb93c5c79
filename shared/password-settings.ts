/**
 * The app's "User name" and "Password" (HTTP Basic, RFC 7617), checked once for the panel
 * and for main, and the warning shown when the password would cross the network in clear
 * text (docs/architecture.md § Desktop app: response headers, SPA and password). Both empty
 * = no password. Pure.
 */

/** Longer than anyone types; keeps a hostile settings file from holding megabytes here. */
export const MAX_CREDENTIAL_CHARS = 256;

// C0 controls, DEL and C1 controls: a browser cannot type them, and a CR or LF would be a
// line break in the header that carries them.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

export interface PasswordProblems {
  authUser?: string;
  authPassword?: string;
}

/** Why this user name and password cannot be used; {} when they can (or both are empty). */
export function passwordProblems(user: string, password: string): PasswordProblems {
  const problems: PasswordProblems = {};
  if (user === '' && password === '') return problems;
  if (user === '') problems.authUser = 'Enter a user name, or clear the password.';
  // RFC 7617 §2: the user-id is what comes before the first colon.
  else if (user.includes(':')) problems.authUser = 'A user name cannot contain ":".';
  else if (CONTROL.test(user)) problems.authUser = 'A user name cannot hold control characters.';
  else if (user.length > MAX_CREDENTIAL_CHARS) {
    problems.authUser = `At most ${MAX_CREDENTIAL_CHARS} characters.`;
  }
  if (password === '') problems.authPassword = 'Enter a password, or clear the user name.';
  else if (CONTROL.test(password)) {
    problems.authPassword = 'A password cannot hold control characters.';
  } else if (password.length > MAX_CREDENTIAL_CHARS) {
    problems.authPassword = `At most ${MAX_CREDENTIAL_CHARS} characters.`;
  }
  return problems;
}

/** Whether the server listens on this computer only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackBind(bind: string): boolean {
  const host = bind.trim();
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/**
 * The warning next to the password when it would travel in clear text to other machines:
 * Basic credentials are only base64, so anyone on the same Wi-Fi can read them. null when
 * there is no password, the server is HTTPS, or only this computer can reach it.
 */
export function passwordWarning(bind: string, password: string, https: boolean): string | null {
  if (password === '' || https || isLoopbackBind(bind)) return null;
  return 'Warning: without HTTPS the password crosses the network readable by anyone on it (Basic credentials are only base64). Use it on networks you trust, or turn on HTTPS.';
}
