import { describe, expect, it } from 'vitest';
import { lineDiff, maskVolatile, renderOutput } from './output';

describe('renderOutput', () => {
  it('shows stdout, stderr and the last value, in that order', () => {
    expect(renderOutput({ stdout: 'hi\n', stderr: 'careful\n', value: '42' })).toBe('hi\ncareful\n=> 42');
  });
  it('leaves out a nil last value', () => {
    expect(renderOutput({ stdout: 'hi\n', stderr: '', value: 'nil' })).toBe('hi');
  });
  it('shows the error instead of a value', () => {
    expect(renderOutput({ stdout: 'before\n', stderr: '', error: "undefined method 'x' for nil (NoMethodError)" })).toBe(
      "before\nundefined method 'x' for nil (NoMethodError)",
    );
  });
});

describe('maskVolatile', () => {
  it('masks durations and addresses but not other numbers', () => {
    expect(maskVolatile('took 12.5 ms, 3 rows, #<Object:0x000055d5c1a2b3c8>')).toBe('took <duration>, 3 rows, #<Object:0x…>');
    expect(maskVolatile('0.201s elapsed')).toBe('<duration> elapsed');
    expect(maskVolatile('[1, 2, 3]')).toBe('[1, 2, 3]');
  });
});

describe('lineDiff', () => {
  it('marks changed lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc')).toBe('    a\n  - b\n  + B\n    c');
  });
});
