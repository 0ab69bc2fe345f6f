import { conversionRate } from './funnel';

describe('conversionRate', () => {
  it.each([
    [9, 42, 0.214],
    [3, 9, 0.333],
    [2, 9, 0.222],
    [1, 16, 0.063],
    [1, 2000, 0.001],
    [1, 2001, 0],
    [2, 3, 0.667],
    [5, 5, 1],
    [7, 2, 3.5],
    [0, 10, 0],
  ])('%i / %i = %d', (numerator, denominator, expected) => {
    expect(conversionRate(numerator, denominator)).toBe(expected);
  });

  it('is 0 when the denominator is 0', () => {
    expect(conversionRate(0, 0)).toBe(0);
    expect(conversionRate(3, 0)).toBe(0);
  });
});
