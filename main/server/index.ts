/**
 * The `httpdesk` library: Python's `http.server`, class for class.
 *
 *   import { ThreadingHTTPServer, SimpleHTTPRequestHandler } from 'httpdesk';
 */
export { BaseHTTPRequestHandler } from './base-handler.js';
export type { ClientAddress, HandlerServer, RequestHandlerClass } from './base-handler.js';
export { SimpleHTTPRequestHandler } from './simple-handler.js';
export { CGIHTTPRequestHandler } from './cgi-handler.js';
export { HTTPServer, ThreadingHTTPServer } from './http-server.js';
export type { ServerAddress, ServerOptions } from './http-server.js';
export { HTTPSServer, ThreadingHTTPSServer, createTlsContext } from './https-server.js';
export type { HTTPSOptions } from './https-server.js';
export { BasicAuth, BASIC_CHALLENGE } from './basic-auth.js';
export { makeHandlerClass } from './configure.js';
export type { HandlerSettings } from './configure.js';
export { stderrLogSink, silentLogSink, formatLogLine } from './log-sink.js';
export { HTTPMessage } from './http-message.js';
export { RESPONSES } from './responses.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_PARSER_OPTIONS,
  MAX_HEADERS,
  MAX_HEADER_LINE,
  MAX_REQUEST_LINE,
} from './limits.js';
export type { ServerLimits, ParserOptions } from './limits.js';
export { DEFAULT_ERROR_MESSAGE, DEFAULT_ERROR_CONTENT_TYPE } from './error-page.js';
export { parseRequestHead } from './request-parser.js';
export type { ParseResult, RequestHead, RequestLine } from './request-parser.js';
export { FileBody } from './response-body.js';
export { isInside, foldsCaseByDefault } from './path-inside.js';
export type { InsideOptions } from './path-inside.js';
export type { ResponseBody } from './response-body.js';
export { SocketReader } from './socket-reader.js';
export { SocketWriter, ConnectionClosedError } from './socket-writer.js';
export type { LogSink, MessageRecord, RequestRecord } from '../../shared/log.js';
