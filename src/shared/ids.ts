import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function base32(buf: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Time-ordered identifier: 48 bits of milliseconds then `randomBits` of randomness. The time prefix
 * keeps B-tree inserts append-only (see research/limits.md: ~2x faster bulk inserts than random keys).
 */
function timeOrderedToken(randomBytesCount: number): string {
  const buf = Buffer.alloc(6 + randomBytesCount);
  buf.writeUIntBE(Date.now(), 0, 6);
  randomBytes(randomBytesCount).copy(buf, 6);
  return base32(buf);
}

/** Row id: 48-bit time + 80 random bits, 26 characters. */
export const newId = (): string => timeOrderedToken(10);

/** Secret in a URL (ticket, invitation): time prefix + 128 random bits, so it cannot be guessed. */
export const newSecretToken = (): string => timeOrderedToken(16);

/** Short human code (attendance codes, certificate verification suffix). No 0/O/1/I confusion. */
export function shortCode(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}
