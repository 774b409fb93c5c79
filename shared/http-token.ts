/**
 * RFC 9110 §5.6.2 `token`: header field names, methods, and the elements of comma lists
 * such as `Access-Control-Request-Headers`. One definition for the request parser, the
 * headers the engine sends, and the headers a person configures. Pure.
 */

/** One tchar. */
const TCHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";

/** A whole string that is one token. */
export const TOKEN = new RegExp(`^${TCHAR}+$`);

/** Tokens separated by commas, with optional whitespace (OWS: SP or HTAB, RFC 9110 §5.6.1). */
export const TOKEN_LIST = new RegExp(`^${TCHAR}+(?:[ \\t]*,[ \\t]*${TCHAR}+)*$`);
