import { parseRaciCell } from './raci-cell';

describe('parseRaciCell', () => {
  it.each([
    ['WSO2', [{ party: 'WSO2', ifRequired: false }]],
    ['Customer', [{ party: 'CUSTOMER', ifRequired: false }]],
    [
      'WSO2/Customer',
      [
        { party: 'WSO2', ifRequired: false },
        { party: 'CUSTOMER', ifRequired: false },
      ],
    ],
    ['-', []],
    [' - ', []],
    ['Customer (If required)', [{ party: 'CUSTOMER', ifRequired: true }]],
    ['Customer(If required)', [{ party: 'CUSTOMER', ifRequired: true }]],
    ['WSO2(If required)', [{ party: 'WSO2', ifRequired: true }]],
    [
      'WSO2/Customer(If required)',
      [
        { party: 'WSO2', ifRequired: false },
        { party: 'CUSTOMER', ifRequired: true },
      ],
    ],
  ])('reads %j', (cell, expected) => {
    expect(parseRaciCell(cell)).toEqual(expected);
  });

  it.each(['', '   ', 'WSO2 and Customer', 'Customer (maybe)', 'WSO2/', '/Customer', '--'])(
    'refuses %j',
    (cell) => {
      expect(() => parseRaciCell(cell)).toThrow(/RACI cell/);
    },
  );
});
