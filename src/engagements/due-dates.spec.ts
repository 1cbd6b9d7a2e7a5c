import { startDateProblem } from './due-dates';

describe('startDateProblem', () => {
  it('accepts a start whose last task is due by 2099-12-31', () => {
    expect(startDateProblem('2099-11-01', [0, 10, 60])).toBeUndefined();
    expect(startDateProblem('2099-12-31', [0])).toBeUndefined();
    expect(startDateProblem('2026-01-05', [])).toBeUndefined();
  });

  it('refuses a start that puts a due date after 2099-12-31, naming the latest start that fits', () => {
    expect(startDateProblem('2099-12-31', [0, 5, 59])).toEqual({
      field: 'startDate',
      message:
        "puts the last task's due date at 2100-02-28, after 2099-12-31, the latest date accepted; " +
        'start on 2099-11-02 or earlier',
    });
    expect(startDateProblem('2099-11-03', [59])?.field).toBe('startDate');
    expect(startDateProblem('2099-11-02', [59])).toBeUndefined();
  });
});
