/**
 * The closed set of protocol errors the request parser and the connection can report, and
 * the one table that maps each to its response (docs/architecture.md § Engine: parsing and
 * errors). Messages and explanations follow server.py / http.client word for word where
 * Python has the same error.
 */
import { pyRepr } from './py-format.js';

export type ProtocolErrorCode =
  | 'request-line-too-long'
  | 'bad-request-syntax'
  | 'bad-request-version'
  | 'version-not-supported'
  | 'bad-http09-method'
  | 'bad-request-target'
  | 'header-line-too-long'
  | 'too-many-headers'
  | 'head-too-large'
  | 'bad-header'
  | 'bad-content-length'
  | 'transfer-encoding-unsupported'
  | 'head-timeout'
  | 'tls-handshake';

export interface ProtocolErrorResponse {
  status: number;
  /** The short message; undefined = the standard phrase from `responses`. */
  message?: string;
  /** The long explanation; undefined = the standard one from `responses`. */
  explain?: string;
  /**
   * Log this line and close without a response: the client speaks another protocol and
   * could not read an HTTP one. `status` is then only what the log records.
   */
  closeWithLog?: string;
}

/** What the log (and the app's inspector) says when a TLS handshake reaches the plain port. */
export const HTTPS_ON_PLAIN_PORT =
  'a client tried HTTPS on this plain HTTP port (TLS handshake received); connection closed';

/** `detail` is the offending text (request line, version, method or header name). */
export function protocolErrorResponse(
  code: ProtocolErrorCode,
  detail: string,
  limits: { maxHeaderLineBytes: number; maxHeaders: number },
): ProtocolErrorResponse {
  switch (code) {
    case 'request-line-too-long': // server.py: send_error(REQUEST_URI_TOO_LONG)
      return { status: 414 };
    case 'bad-request-syntax':
      return { status: 400, message: `Bad request syntax (${pyRepr(detail)})` };
    case 'bad-request-version':
      return { status: 400, message: `Bad request version (${pyRepr(detail)})` };
    case 'version-not-supported':
      return { status: 505, message: `Invalid HTTP version (${detail})` };
    case 'bad-http09-method':
      return { status: 400, message: `Bad HTTP/0.9 request type (${pyRepr(detail)})` };
    case 'bad-request-target': // RFC 9112 §3.2: no controls in a request-target
      return { status: 400, message: `Bad request target (${pyRepr(detail)})` };
    case 'header-line-too-long': // http.client.LineTooLong("header line")
      return {
        status: 431,
        message: 'Line too long',
        explain: `got more than ${limits.maxHeaderLineBytes} bytes when reading header line`,
      };
    case 'too-many-headers':
      return {
        status: 431,
        message: 'Too many headers',
        explain: `got more than ${limits.maxHeaders} headers`,
      };
    case 'head-too-large':
      return { status: 431, message: 'Request header fields too large' };
    case 'bad-header': // RFC 9112 §5.1, §5.2: whitespace before ':', obs-fold, controls
      return { status: 400, message: `Bad header (${pyRepr(detail)})` };
    case 'bad-content-length': // RFC 9112 §6.3 item 5: invalid Content-Length is unrecoverable
      return { status: 400, message: `Bad Content-Length (${pyRepr(detail)})` };
    case 'transfer-encoding-unsupported': // RFC 9112 §6.1: 501 for an unimplemented coding
      return { status: 501, message: 'Transfer-Encoding not supported' };
    case 'head-timeout':
      return { status: 408 };
    case 'tls-handshake':
      return { status: 400, closeWithLog: HTTPS_ON_PLAIN_PORT };
  }
}
