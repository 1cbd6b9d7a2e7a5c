import net from 'node:net';

/** A start-up failure a person can act on: what happened and what to do. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * One readable sentence for any error thrown during start-up. Some errors carry no message
 * (pg's AggregateError for a refused connection, or a rejected promise with no reason), which
 * used to print "Start-up failed: undefined".
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const parts = [...new Set(error.errors.map((e: unknown) => describeStartupError(e)))];
    return error.message ? `${error.message}: ${parts.join('; ')}` : parts.join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error.message) return error.message;
    return code ? `${error.name} (${code})` : error.name;
  }
  if (error === undefined || error === null) return 'an unknown error (no details were given)';
  return String(error);
}

/** Fails fast, before anything is minted or printed, when the HTTP port cannot be used. */
export function assertListenable(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (PORT) is already in use — is another Onboarding Tracker running? ` +
                'Stop it, or set PORT to a free port.'
            : `Cannot listen on ${host}:${port} (PORT/HOST): ${error.message}`,
        ),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
