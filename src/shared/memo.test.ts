import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './memo.js';

describe('a bounded memo', () => {
  it('makes a value once per key and starts again when full', () => {
    const memo = new BoundedMemo<number>(2);
    let made = 0;
    const get = (k: string) => memo.get(k, () => ++made);
    expect([get('a'), get('a'), get('b'), get('b')]).toEqual([1, 1, 2, 2]);
    expect(made).toBe(2);
    // Full: the third key starts the memo again, and the first is made anew.
    expect(get('c')).toBe(3);
    expect(memo.peek('a')).toBeUndefined();
    expect(get('a')).toBe(4);
  });

  it('keeps a null value (only undefined means "not kept")', () => {
    const memo = new BoundedMemo<string | null>(10);
    let made = 0;
    const make = () => {
      made++;
      return null;
    };
    for (let i = 0; i < 3; i++) memo.get('k', make);
    expect(made).toBe(1);
  });
});
