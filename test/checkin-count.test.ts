import { describe, expect, it } from 'vitest';
import { DoorCount } from '../client/_checkin-count.js';

/** A promise settled from outside, to order a check-in's answer and a count read as the network may. */
function later<T>() {
  let settle!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    settle = r;
  });
  return { promise, settle };
}

describe('the number at the door', () => {
  it('does not count an arrival twice when the server’s count already holds it', async () => {
    const saved: number[] = [];
    const count = new DoorCount(4, (n) => saved.push(n));
    // A check-in goes out; while it is on its way the 15-second read asks the server, which has just
    // committed the arrival (5) and answers before the check-in's own answer arrives.
    const answer = later<{ first: boolean }>();
    const scan = count.write(async () => {
      if ((await answer.promise).first) count.add(1);
    });
    const read = count.read(async () => 5);
    answer.settle({ first: true });
    await scan;
    expect(await read).toBe(false);
    expect(count.value).toBe(5);
    // The next read, with nothing in flight, is taken.
    expect(await count.read(async () => 5)).toBe(true);
    expect(count.value).toBe(5);
    expect(saved.at(-1)).toBe(5);
  });

  it('drops a read that a check-in started during, and takes one after it', async () => {
    const count = new DoorCount(10, () => {});
    const reply = later<number | null>();
    const read = count.read(() => reply.promise);
    await count.write(async () => count.add(1));
    reply.settle(11);
    expect(await read).toBe(false);
    expect(count.value).toBe(11);
    // Another phone checked two people in: the server's number brings them.
    expect(await count.read(async () => 13)).toBe(true);
    expect(count.value).toBe(13);
    // A read that could not reach the server changes nothing.
    expect(await count.read(async () => null)).toBe(false);
    expect(count.value).toBe(13);
  });

  it('lets check-ins run together and a failed one still ends', async () => {
    const count = new DoorCount(0, () => {});
    await Promise.all([1, 2, 3].map(() => count.write(async () => count.add(1))));
    await expect(count.write(async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(await count.read(async () => 3)).toBe(true);
    expect(count.value).toBe(3);
  });
});
