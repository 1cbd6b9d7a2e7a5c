import { ENGAGEMENT_SORTS, isSortValue, parseEngagementSort } from './engagement-sort';

describe('engagement sort orders', () => {
  it('offers every key ascending and descending', () => {
    expect(ENGAGEMENT_SORTS).toEqual([
      'createdAt',
      '-createdAt',
      'customer',
      '-customer',
      'name',
      '-name',
      'startDate',
      '-startDate',
      'progress',
      '-progress',
      'overdue',
      '-overdue',
      'nextDue',
      '-nextDue',
    ]);
  });

  it('reads a leading - as descending, and defaults to creation order', () => {
    expect(parseEngagementSort('-nextDue')).toEqual({
      spec: '-nextDue',
      key: 'nextDue',
      descending: true,
    });
    expect(parseEngagementSort('name')).toEqual({ spec: 'name', key: 'name', descending: false });
    expect(parseEngagementSort()).toEqual({
      spec: 'createdAt',
      key: 'createdAt',
      descending: false,
    });
  });

  it.each([
    ['createdAt', '2026-01-02T03:04:05.678Z', true],
    ['createdAt', '2026-01-02', false],
    ['createdAt', '2026-13-02T03:04:05.678Z', false],
    ['customer', 'any name, even "quoted"', true],
    ['startDate', '2026-02-28', true],
    ['startDate', '2026-02-30', false],
    ['progress', '100', true],
    ['progress', '101', false],
    ['progress', '-1', false],
    ['overdue', '12', true],
    ['overdue', '1.5', false],
    ['nextDue', '2026-02-28', true],
    ['nextDue', 'infinity', true],
    ['nextDue', '-infinity', false],
    ['-nextDue', '-infinity', true],
    ['-nextDue', 'infinity', false],
    ['nextDue', 'soon', false],
  ] as const)('%s takes %j as a cursor value: %s', (spec, value, ok) => {
    expect(isSortValue(parseEngagementSort(spec), value)).toBe(ok);
  });
});
