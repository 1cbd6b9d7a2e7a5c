import {
  addDays,
  calendarDateOf,
  daysBetween,
  formatCalendarDate,
  formatDays,
  isCalendarDate,
  todayUtc,
  toDbDate,
} from './calendar-date';

describe('calendar dates', () => {
  it('writes dates and day counts as people read them', () => {
    expect(formatCalendarDate('2026-11-27')).toBe('27 Nov 2026');
    expect(formatCalendarDate('2026-03-02')).toBe('2 Mar 2026');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(50)).toBe('50 days');
  });

  it.each(['2026-01-01', '2024-02-29', '2026-12-31'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    '',
    20260101,
    null,
  ])('rejects %p', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('counts whole days between dates, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-08')).toBe(7);
    expect(daysBetween('2026-01-08', '2026-01-01')).toBe(-7);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('takes the UTC date of an instant', () => {
    expect(calendarDateOf(new Date('2026-11-25T23:59:59.999Z'))).toBe('2026-11-25');
    expect(todayUtc(new Date('2026-11-26T00:00:00Z'))).toBe('2026-11-26');
  });

  it('maps to UTC midnight for date columns', () => {
    expect(toDbDate('2026-11-25').toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(() => toDbDate('2026-02-30')).toThrow(RangeError);
  });
});
