import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/escalation/webhook-signature';

/** A webhook receiver on 127.0.0.1 that checks signatures and records every request it gets. */
export interface ReceivedDelivery {
  deliveryId: string;
  timestamp: string;
  signature: string;
  contentType: string;
  body: string;
  signatureValid: boolean;
  /** The status this receiver answered (0 when it never answered: the client gave up first). */
  answered: number;
}

export interface Reply {
  status: number;
  /** Wait this long before answering (to provoke a client timeout). */
  delayMs?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** Decides each answer; default 200. */
  reply: (delivery: ReceivedDelivery) => Reply = () => ({ status: 200 });
  private server: Server | undefined;
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/escalation`;
  }

  /** Starts listening (on a random port the first time, the same port afterwards). */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      void readBody(req).then(
        (body) => {
          const header = (name: string) => String(req.headers[name] ?? '');
          const delivery: ReceivedDelivery = {
            deliveryId: header('x-delivery-id'),
            timestamp: header('x-timestamp'),
            signature: header('x-signature'),
            contentType: header('content-type'),
            body,
            signatureValid: verifyWebhookSignature({
              secret: this.secret,
              signature: header('x-signature'),
              timestamp: header('x-timestamp'),
              body,
            }),
            answered: 0,
          };
          this.received.push(delivery);
          const { status, delayMs = 0 } = delivery.signatureValid
            ? this.reply(delivery)
            : { status: 401 };
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            if (res.destroyed) return;
            delivery.answered = status;
            res.writeHead(status, { 'Content-Type': 'text/plain' }).end('ok');
          }, delayMs);
          this.timers.add(timer);
        },
        () => res.writeHead(413).end(),
      );
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Deliveries this receiver accepted (answered 2xx), by delivery id. */
  acceptedCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.received) {
      if (d.answered >= 200 && d.answered < 300) {
        counts.set(d.deliveryId, (counts.get(d.deliveryId) ?? 0) + 1);
      }
    }
    return counts;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
