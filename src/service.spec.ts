import { CommandFailedError } from './database/detached-process';
import { EmbeddedDatabaseError } from './database/embedded-database-error';
import { Service } from './service';

describe('Service stop signals', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('takes one Ctrl-C that arrives twice (terminal and npm) as one, and says so for a second press', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const service = new Service();
    service.onSignal('SIGINT');
    now.mockReturnValue(1_000_015); // npm forwarding the same press
    service.onSignal('SIGINT');
    expect(written).toEqual(['SIGINT received: stopping\n']);
    now.mockReturnValue(1_003_000); // the person pressing Ctrl-C again
    service.onSignal('SIGINT');
    expect(written).toEqual([
      'SIGINT received: stopping\n',
      'SIGINT received again: still stopping (waiting for requests and PostgreSQL)\n',
    ]);
  });

  describe('a start-up step that fails', () => {
    let exit: jest.SpyInstance;
    let errors: string[];
    beforeEach(() => {
      exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
      errors = [];
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
        errors.push(String(chunk));
        return true;
      });
    });
    // initdb, caught by the group's SIGTERM while being spawned (see signalThatEnded).
    const initdbKilled = () =>
      new EmbeddedDatabaseError(
        'Could not initialise the embedded PostgreSQL: exited with SIGTERM',
        {
          cause: new CommandFailedError('exited with SIGTERM', '', 'SIGTERM'),
        },
      );

    it('after a stop signal, because a tool it ran was ended by a signal, is a clean stop', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const service = new Service();
      service.onSignal('SIGTERM');
      await service.fail(initdbKilled());
      expect(errors).toEqual([]);
      expect(written).toEqual(['SIGTERM received: stopping\n', 'Stopped\n']);
      expect(exit).toHaveBeenCalledWith(0);
      // Nothing is left to fire later (the stop deadline once exited a test worker 30 s on).
      expect(jest.getTimerCount()).toBe(0);
    });

    it('without a stop signal, or for another cause, is a failure that says why', async () => {
      await new Service().fail(initdbKilled());
      expect(errors).toEqual([
        'Start-up failed: Could not initialise the embedded PostgreSQL: exited with SIGTERM\n',
      ]);
      expect(exit).toHaveBeenLastCalledWith(1);

      const stopped = new Service();
      stopped.onSignal('SIGINT');
      await stopped.fail(
        new EmbeddedDatabaseError('Port 5432 (EMBEDDED_DB_PORT) is already in use'),
      );
      expect(errors[1]).toBe('Start-up failed: Port 5432 (EMBEDDED_DB_PORT) is already in use\n');
      expect(exit).toHaveBeenLastCalledWith(1);
    });
  });
});
