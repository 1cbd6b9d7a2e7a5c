import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort } from '../../test/helpers/free-port';

const ROOT = path.resolve(__dirname, '..', '..');
/** The V8 settings `npm start` and the Docker image run the service with. */
export const SERVICE_NODE_FLAGS = [
  '--max-semi-space-size=32',
  '--heap-growing-percent=50',
  '--liftoff-only',
];
/**
 * The environment `npm start` and the Docker image run the service with: glibc's malloc keeps its
 * mmap threshold at the default 128 KiB instead of raising it after each large buffer it frees
 * (the full report's answer is written in buffers); raised, later allocations came from the heap
 * and peak RSS over the whole bench grew by 10–20 MiB (see the README).
 */
export const SERVICE_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };
/** The artifact `npm start` runs (`npm run bench` builds it first). */
const BUILT_MAIN = path.join(ROOT, 'dist', 'main.js');

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

export type Send = (
  method: string,
  pathAndQuery: string,
  headers?: Record<string, string>,
  body?: unknown,
) => Promise<HttpAnswer>;

/** A keep-alive HTTP/1.1 client: cheaper per call than fetch, so the bench steals less CPU. */
export function httpClient(baseUrl: string, maxSockets = 16): Send {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return (method, pathAndQuery, headers = {}, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path: pathAndQuery,
          headers: {
            ...headers,
            ...(payload
              ? { 'Content-Type': 'application/json', 'Content-Length': payload.length }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const buffer = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: buffer,
              json: <T>() => JSON.parse(buffer.toString('utf8')) as T,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

export interface RunningService {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

async function waitForReady(url: string, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone()) throw new Error('the service exited during start-up');
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the service did not become ready in time');
}

/** The built service in its own process, as in production, so the bench does not share its CPU. */
export async function startService(
  nodeOptions: string[],
  env: Record<string, string>,
): Promise<RunningService> {
  if (!fs.existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run "npm run build"`);
  const port = await freePort();
  const service = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeOptions, BUILT_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...SERVICE_ENV,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ESCALATION_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(service, 'exit');
  const stop = async () => {
    if (service.exitCode === null && service.signalCode === null) {
      service.kill('SIGTERM');
      await exited;
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(`${baseUrl}/health/ready`, () => service.exitCode !== null);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: service.pid!, baseUrl, stop };
}
