import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem';

/** Node's parser errors and the answer each deserves. */
function statusOf(error: NodeJS.ErrnoException): number {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

const DETAILS: Record<number, string> = {
  400: 'The request is not valid HTTP (a malformed request line or header)',
  408: 'The request was not received in time',
  413: 'The request has chunk extensions larger than the server accepts',
  431: 'The request headers are larger than the server accepts (16 KiB)',
};

/**
 * Requests Node's HTTP parser refuses never reach Express: by default Node answers them with an
 * empty 400 or 431. This answers them like every other error — problem+json with a request id,
 * the security headers, and one log line.
 */
export function answerClientErrors(
  server: Server,
  securityHeaders: Record<string, string>,
  logger: Logger,
): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The peer is gone, or a response is already on its way: nothing to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error);
    const requestId = randomUUID();
    const body = JSON.stringify({
      type: problemType(status === 400 ? 'malformed-request' : 'request-refused'),
      title: STATUS_CODES[status],
      status,
      detail: DETAILS[status],
      requestId,
    });
    const headers = {
      ...securityHeaders,
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`);
    logger.info(
      { requestId, status, code: error.code },
      `Refused by the HTTP parser: ${status} (${error.code ?? 'no code'})`,
    );
  });
}

/** The headers a middleware sets on a response, e.g. helmet's, to reuse where Express is not. */
export function headersSetBy(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
    getHeader: (name: string) => headers[name],
  };
  const req = { path: '/api', method: 'GET', headers: {} };
  void middleware(req as unknown as Request, res as unknown as Response, () => undefined);
  return headers;
}
