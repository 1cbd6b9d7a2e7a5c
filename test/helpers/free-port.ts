import net from 'node:net';

/** Ports this process has handed out: two asked for in a row must differ, even before either is bound. */
const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it) and that this
 * process has not handed out before. Used by the tests, the browser tests and the bench for every
 * server they start. (The kernel can pick the same free port twice in a row: a service's PORT and
 * its EMBEDDED_DB_PORT once came out equal.)
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
