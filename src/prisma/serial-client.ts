import { Client } from 'pg';

/**
 * A node-postgres client that runs the promise-style queries given to it one after another, in
 * the order they were given. Prisma's pg adapter sends the queries of one read (an `include` of
 * several relations) at once on a transaction's connection; node-postgres only queues them by
 * itself for now (it warns on every process: "Calling client.query() when the client is already
 * executing a query is deprecated and will be removed in pg@9.0"; prisma/orm#29646). Queuing them
 * here keeps today's order and holds when that queue goes. Callback and submittable queries (the
 * pool's own, cursors) go straight through: nothing of ours overlaps them on one connection.
 */
export class SerialClient extends Client {
  private tail: Promise<unknown> = Promise.resolve();

  // pg types query() as a dozen overloads; one rest signature stands for all of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const send = () => (super.query as (...a: unknown[]) => unknown)(...args);
    const config = args[0] as { submit?: unknown } | undefined;
    if (typeof args[args.length - 1] === 'function' || typeof config?.submit === 'function') {
      return send();
    }
    const run = this.tail.then(send);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
