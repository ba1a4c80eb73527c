import { describe, expect, it } from 'vitest';
import { endSentence, fullName, nameSearchKey } from './names.js';

describe('names', () => {
  it('ends a sentence after a title without a second period', () => {
    const siti = fullName({ frontTitles: 'Dr. H.', name: 'Siti Rahma', backTitles: 'S.E., M.Si.' });
    expect(siti).toBe('Dr. H. Siti Rahma, S.E., M.Si.');
    expect(endSentence(`Selamat datang, ${siti}`)).toBe('Selamat datang, Dr. H. Siti Rahma, S.E., M.Si.');
    expect(endSentence('Selamat datang, Budi Santoso')).toBe('Selamat datang, Budi Santoso.');
    expect(endSentence('Sudah check-in?')).toBe('Sudah check-in?');
  });

  it('folds a name as people say it: no titles, no diacritics, any case', () => {
    expect(nameSearchKey('Dr. H. Sélma Aulia, S.E., M.Si.')).toBe('selma aulia');
    expect(nameSearchKey('Bapak  BUDI   Santoso')).toBe('budi santoso');
    expect(nameSearchKey("Ma'ruf Amin")).toBe('maruf amin');
    expect(nameSearchKey('Hj. Nur’aini')).toBe('nuraini');
    expect(nameSearchKey('Prof Dr Ir Joko')).toBe('joko');
  });
});
