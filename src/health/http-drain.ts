import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * The service's part in a graceful stop. Readiness turns 503 first, so a load balancer stops
 * sending; then the HTTP server stops accepting, every response says `Connection: close`, idle
 * keep-alive sockets are closed, and in-flight requests may finish (bounded) before the
 * database pool closes behind them.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private idle: (() => void) | undefined;

  get isDraining(): boolean {
    return this.draining;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Express middleware: counts requests in flight and asks clients to reconnect elsewhere. */
  readonly track = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.on('close', () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.idle?.();
    });
    next();
  };

  /** Resolves true when every request finished in time, false when some were cut off. */
  async drain(server: Server, timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const finished = await new Promise<boolean>((resolve) => {
      if (this.inFlight.size === 0) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.idle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    server.closeAllConnections();
    await closed;
    return finished;
  }
}
