import { describe, expect, it } from 'vitest';
import { CSS } from './styles.js';

describe('inline stylesheet', () => {
  it('survives JSX text escaping unchanged (no quotes, angle brackets or ampersands)', () => {
    expect(CSS).not.toMatch(/["'<>&]/);
  });
});
