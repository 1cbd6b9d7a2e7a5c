import {
  allowedMoves,
  checkMove,
  isAllowedMove,
  isClosed,
  moveNeedsReason,
  movesFrom,
  TASK_STATUSES,
  TaskStatus,
} from './task-status';

// The table, restated independently of the module so the test can catch a wrong entry.
const EXPECTED: Record<string, string[]> = {
  NOT_STARTED: ['IN_PROGRESS', 'BLOCKED', 'DONE', 'NOT_APPLICABLE'],
  IN_PROGRESS: ['BLOCKED', 'DONE', 'NOT_STARTED'],
  BLOCKED: ['IN_PROGRESS', 'NOT_STARTED'],
  DONE: ['IN_PROGRESS'],
  NOT_APPLICABLE: ['NOT_STARTED'],
};
const NEEDS_REASON = new Set([
  'NOT_STARTED->BLOCKED',
  'NOT_STARTED->NOT_APPLICABLE',
  'IN_PROGRESS->BLOCKED',
  'DONE->IN_PROGRESS',
]);

const pairs: [TaskStatus, TaskStatus][] = TASK_STATUSES.flatMap((from) =>
  TASK_STATUSES.map((to): [TaskStatus, TaskStatus] => [from, to]),
);

describe('task status machine', () => {
  it('has exactly five statuses', () => {
    expect([...TASK_STATUSES].sort()).toEqual(
      ['BLOCKED', 'DONE', 'IN_PROGRESS', 'NOT_APPLICABLE', 'NOT_STARTED'].sort(),
    );
  });

  it.each(pairs)('%s -> %s is allowed exactly as the table says', (from, to) => {
    const expected = EXPECTED[from].includes(to);
    expect(isAllowedMove(from, to)).toBe(expected);
    const check = checkMove(from, to, 'because');
    if (expected) {
      expect(check).toEqual({ ok: true });
    } else {
      expect(check).toEqual({ ok: false, problem: 'not-allowed', allowed: EXPECTED[from] });
    }
  });

  it.each(pairs)(
    '%s -> %s needs a reason only when blocking, not applicable or reopening',
    (from, to) => {
      const key = `${from}->${to}`;
      if (!EXPECTED[from].includes(to)) return;
      expect(moveNeedsReason(from, to)).toBe(NEEDS_REASON.has(key));
      const withoutReason = checkMove(from, to);
      const blank = checkMove(from, to, '   ');
      if (NEEDS_REASON.has(key)) {
        expect(withoutReason).toEqual({ ok: false, problem: 'reason-required' });
        expect(blank).toEqual({ ok: false, problem: 'reason-required' });
      } else {
        expect(withoutReason).toEqual({ ok: true });
      }
    },
  );

  it('lists allowed moves per status, and the list is a copy', () => {
    for (const from of TASK_STATUSES) expect(allowedMoves(from)).toEqual(EXPECTED[from]);
    allowedMoves('DONE').push('NOT_STARTED');
    expect(allowedMoves('DONE')).toEqual(['IN_PROGRESS']);
  });

  it('offers each allowed move with whether it needs a reason, as the table says', () => {
    for (const from of TASK_STATUSES) {
      expect(movesFrom(from)).toEqual(
        EXPECTED[from].map((to) => ({
          status: to,
          reasonRequired: NEEDS_REASON.has(`${from}->${to}`),
        })),
      );
    }
  });

  it('never allows staying in place', () => {
    for (const status of TASK_STATUSES) expect(isAllowedMove(status, status)).toBe(false);
  });

  it('treats DONE and NOT_APPLICABLE as closed', () => {
    expect(TASK_STATUSES.filter(isClosed)).toEqual(['DONE', 'NOT_APPLICABLE']);
  });
});
