import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { fastGetBestMask, originalGetBestMask } from './qr-mask.js';

const require = createRequire(import.meta.url);
const maskPattern = require('qrcode/lib/core/mask-pattern') as { getBestMask: typeof fastGetBestMask };

describe('QR mask selection', () => {
  it('picks the same mask as qrcode’s own for URLs of every length the certificates use', () => {
    const installed = maskPattern.getBestMask;
    const picks: [number, number][] = [];
    maskPattern.getBestMask = (data, setup) => {
      const fast = fastGetBestMask(data, setup);
      const original = originalGetBestMask(data, setup);
      picks.push([fast, original]);
      return original;
    };
    try {
      for (let i = 0; i < 400; i++) {
        const code = (1e11 + i * 7919).toString(36).toUpperCase();
        const host = 'https://aula.example.id'.padEnd(23 + (i % 60), 'x');
        for (const level of ['L', 'M', 'Q', 'H'] as const) {
          QRCode.create(i % 2 ? `${host}/v/${code}` : `${host}/v/${code.toLowerCase()}?k=${i}`, {
            errorCorrectionLevel: level,
          });
        }
      }
    } finally {
      maskPattern.getBestMask = installed;
    }
    expect(picks.length).toBe(1600);
    expect(new Set(picks.map(([, o]) => o)).size).toBe(8);
    expect(picks.filter(([f, o]) => f !== o)).toEqual([]);
  });
});
