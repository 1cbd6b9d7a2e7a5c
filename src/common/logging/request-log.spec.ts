import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import pino from 'pino';
import { loggablePath, requestLog } from './request-log';

describe('loggablePath', () => {
  it('drops the query string and masks invitation tokens', () => {
    expect(loggablePath('/api/v1/engagements?q=acme&limit=5')).toBe('/api/v1/engagements');
    expect(loggablePath('/auth/invitations/secret-token/accept')).toBe(
      '/auth/invitations/…/accept',
    );
    expect(loggablePath('/auth/invitations/secret-token')).toBe('/auth/invitations/…');
  });

  it('masks the token of the page people open, however the path is spelled', () => {
    expect(loggablePath('/invitations/secret-token')).toBe('/invitations/…');
    expect(loggablePath('/Invitations/secret-token?x=1')).toBe('/Invitations/…');
    expect(loggablePath('/AUTH/INVITATIONS/secret-token/accept')).toBe(
      '/AUTH/INVITATIONS/…/accept',
    );
    expect(loggablePath('/invit%61tions/secret-token')).toBe('/invit%61tions/…');
    expect(loggablePath('//invitations//secret-token')).toBe('//invitations//…');
    expect(loggablePath('/invitations/')).toBe('/invitations/');
    expect(loggablePath('/api/v1/users/1/invitation')).toBe('/api/v1/users/1/invitation');
  });
});

describe('requestLog', () => {
  it('writes one short JSON line per request: method, path, status, ms, request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const log = requestLog(pino({ base: undefined }, sink));
    const server = http
      .createServer((req, res) => {
        const request = Object.assign(req, { id: 'req-1', originalUrl: req.url! });
        log(request as unknown as Request, res as unknown as Response, () => {
          res.statusCode = req.url!.startsWith('/health') ? 200 : 201;
          res.end('{}');
        });
      })
      .listen(0);
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/api/v1/things?secret=1`, {
        headers: { Authorization: 'Bearer otk_should-never-be-logged' },
      });
      await fetch(`http://127.0.0.1:${port}/health/live`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      server.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: 'req-1',
      method: 'GET',
      path: '/api/v1/things',
      status: 201,
      ms: expect.any(Number),
      msg: expect.stringMatching(/^GET \/api\/v1\/things 201 \d+ms$/),
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/otk_|secret|headers/);
    expect(JSON.stringify(lines[0]).length).toBeLessThan(300);
  });
});
