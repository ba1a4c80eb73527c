import { describe, expect, it } from 'vitest';
import { newId, newSecretToken, shortCode, slugify } from './ids.js';

describe('ids and tokens', () => {
  it('makes time-ordered ids that sort by creation', async () => {
    const a = newId();
    await new Promise((r) => setTimeout(r, 3));
    const b = newId();
    expect(a < b).toBe(true);
    expect(a).toHaveLength(26);
  });

  it('makes ticket tokens with at least 128 random bits, all distinct', () => {
    const tokens = new Set(Array.from({ length: 5000 }, newSecretToken));
    expect(tokens.size).toBe(5000);
    // 6 time bytes + 16 random bytes = 176 bits → 36 base32 characters.
    expect([...tokens][0]).toMatch(/^[0-9a-hjkmnp-tv-z]{36}$/);
  });

  it('makes short codes without look-alike characters', () => {
    expect(shortCode(6)).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });

  it('slugifies Indonesian titles', () => {
    expect(slugify('Seminar Hybrid (Tatap Muka & Daring): UMKM 2021')).toBe(
      'seminar-hybrid-tatap-muka-daring-umkm-2021',
    );
    expect(slugify('Pemulihan Ékonomi')).toBe('pemulihan-ekonomi');
  });
});
