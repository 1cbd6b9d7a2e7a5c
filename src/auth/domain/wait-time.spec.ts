import { waitTime } from './wait-time';

describe('waitTime', () => {
  it('says seconds under a minute', () => {
    expect(waitTime(1)).toBe('1 second');
    expect(waitTime(0.2)).toBe('1 second');
    expect(waitTime(59)).toBe('59 seconds');
  });

  it('says whole minutes, rounded up, from a minute on', () => {
    expect(waitTime(60)).toBe('1 minute');
    expect(waitTime(61)).toBe('2 minutes');
    expect(waitTime(899)).toBe('15 minutes');
    expect(waitTime(900)).toBe('15 minutes');
  });
});
