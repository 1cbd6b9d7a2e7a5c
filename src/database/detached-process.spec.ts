import fs from 'node:fs';
import { CommandFailedError, runDetached, signalThatEnded } from './detached-process';

/** Field 5 of /proc/<pid>/stat: the process group. */
const groupOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);

describe('runDetached', () => {
  it('runs the command in a process group of its own, so a signal to ours does not reach it', async () => {
    const childStat = await runDetached('cat', ['/proc/self/stat']);
    const ours = groupOf(fs.readFileSync('/proc/self/stat', 'utf8'));
    expect(groupOf(childStat)).not.toBe(ours);
  });

  it('resolves with the standard output and hands it over as it comes', async () => {
    const seen: string[] = [];
    const out = await runDetached('sh', ['-c', 'echo one; echo two'], {
      onStdout: (text) => seen.push(text),
    });
    expect(out).toBe('one\ntwo\n');
    expect(seen.join('')).toBe(out);
  });

  it('fails with what the command said, or how it ended when it said nothing', async () => {
    await expect(runDetached('sh', ['-c', 'echo "no such role" >&2; exit 3'])).rejects.toEqual(
      new CommandFailedError('no such role', 'no such role'),
    );
    await expect(runDetached('sh', ['-c', 'exit 4'])).rejects.toThrow('exited with code 4');
    await expect(runDetached('sh', ['-c', 'kill -TERM $$'])).rejects.toThrow('exited with SIGTERM');
    await expect(runDetached('/nonexistent/tool', [])).rejects.toThrow(/ENOENT/);
  });

  it('keeps the signal that ended a command, found again through the errors that wrap it', async () => {
    const killed = await runDetached('sh', ['-c', 'kill -TERM $$']).catch((e: unknown) => e);
    expect(killed).toMatchObject({ signal: 'SIGTERM' });
    const wrapped = new Error('Migration failed', { cause: new Error('step', { cause: killed }) });
    expect(signalThatEnded(wrapped)).toBe('SIGTERM');

    const exited = await runDetached('sh', ['-c', 'exit 4']).catch((e: unknown) => e);
    expect(exited).toMatchObject({ signal: null });
    expect(signalThatEnded(new Error('wrapped', { cause: exited }))).toBeNull();
    expect(signalThatEnded(new Error('no command at all'))).toBeNull();
    expect(signalThatEnded(undefined)).toBeNull();
  });
});
