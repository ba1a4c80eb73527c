import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { displayPhone, normalizePhone } from './phone.js';

describe('displayPhone', () => {
  it('writes Indonesian numbers as organizers do, the same as a full parse would', () => {
    const typed = ['0812-3456-7890', '+62 813 1000 0005', '6285712345678', '(0341) 551234', '0811234567'];
    for (const t of typed) {
      const e164 = normalizePhone(t)!;
      const parsed = parsePhoneNumberFromString(e164)!;
      const slow = `0${parsed.nationalNumber}`.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
      expect(displayPhone(e164)).toBe(slow);
    }
    expect(displayPhone('+6281234567890')).toBe('0812-3456-7890');
  });

  it('writes other countries in the international format', () => {
    expect(displayPhone('+60123456789')).toBe('+60 12 345 6789');
  });
});
