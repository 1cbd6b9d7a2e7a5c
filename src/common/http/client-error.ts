import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RequestValidationError } from '../errors/domain-errors';
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
 * the security headers, and one log line. The same goes for what Node would answer itself
 * further on: an `Expect` it does not know (an empty 417), a `CONNECT` (no answer at all: the
 * connection is dropped), and an HTTP/1.1 request without `Host` (left to `requireHost`).
 */
export function answerClientErrors(
  server: Server,
  securityHeaders: Record<string, string>,
  logger: Logger,
): void {
  /** `instance` is the request's target when Node got that far (not for a malformed request). */
  const answer = (status: number, type: string, detail: string, instance?: string) => {
    const requestId = randomUUID();
    const body = JSON.stringify({
      type: problemType(type),
      title: STATUS_CODES[status],
      status,
      detail,
      ...(instance !== undefined ? { instance } : {}),
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
    return { requestId, headers, body };
  };
  const writeRaw = (
    socket: Duplex,
    status: number,
    type: string,
    detail: string,
    instance?: string,
  ) => {
    const { requestId, headers, body } = answer(status, type, detail, instance);
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`);
    return requestId;
  };

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The peer is gone, or a response is already on its way: nothing to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error);
    const type = status === 400 ? 'malformed-request' : 'request-refused';
    const requestId = writeRaw(socket, status, type, DETAILS[status]);
    logger.info(
      { requestId, status, code: error.code },
      `Refused by the HTTP parser: ${status} (${error.code ?? 'no code'})`,
    );
  });

  // No method of this service tunnels: CONNECT is a 405 like any other method it does not serve.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const requestId = writeRaw(
      socket,
      405,
      'method-not-allowed',
      'CONNECT is not allowed: this service is not a proxy',
      req.url,
    );
    logger.info({ requestId, status: 405 }, 'Refused CONNECT: 405');
  });

  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const { requestId, headers, body } = answer(
      417,
      'request-refused',
      `Expect: ${String(req.headers.expect)} is not supported; only 100-continue is`,
      req.url,
    );
    res.writeHead(417, headers).end(body);
    logger.info({ requestId, status: 417 }, 'Refused an unknown Expect: 417');
  });

  // Node would answer a missing Host with an empty 400; requireHost answers it as a problem.
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
}

/**
 * Express middleware: an HTTP/1.1 request must name its Host (RFC 9112, section 3.2). Node checks
 * this only when left to answer by itself (see answerClientErrors).
 */
export function requireHost(req: Request, _res: Response, next: NextFunction): void {
  if (req.httpVersion !== '1.1' || req.headers.host) return next();
  next(
    new RequestValidationError('An HTTP/1.1 request needs a Host header', [
      { field: 'Host', message: 'is required in HTTP/1.1' },
    ]),
  );
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
