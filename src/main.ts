/**
 * Entry point. Stop signals are caught before the application's modules load (that takes about
 * a second), so Ctrl-C or SIGTERM at any moment of start-up still ends in a clean stop. The one
 * listener stays in place: replacing it would drop a signal that is already on its way.
 */
import type { Service } from './service';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let service: Service | undefined;
const early: string[] = [];
for (const signal of SIGNALS) {
  process.on(signal, () => (service ? service.onSignal(signal) : early.push(signal)));
}

void import('./service.js').then((loaded) => {
  const started = (service = new loaded.Service());
  for (const signal of early) started.onSignal(signal);
  started.start().catch((error: unknown) => started.fail(error));
});
