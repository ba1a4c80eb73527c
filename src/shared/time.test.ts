import { describe, expect, it } from 'vitest';
import { formatDateTime, isoInZone, parseLocalDateTime, toLocalInput, zoneLabel } from './time.js';

const nine = Date.parse('2021-12-30T09:00:00+07:00');

describe('Indonesian dates and zones', () => {
  it('writes the seed date the Indonesian way, and in English', () => {
    expect(formatDateTime(nine, 'Asia/Jakarta', 'id')).toBe('Kamis, 30 Desember 2021, pukul 09.00 WIB');
    expect(formatDateTime(nine, 'Asia/Jakarta', 'en')).toBe('Thursday, 30 December 2021, 09:00 WIB');
  });

  it('maps WIB, WITA and WIT itself, and falls back to UTC offsets elsewhere', () => {
    expect(zoneLabel('Asia/Pontianak', nine)).toBe('WIB');
    expect(formatDateTime(nine, 'Asia/Makassar', 'id')).toBe('Kamis, 30 Desember 2021, pukul 10.00 WITA');
    expect(formatDateTime(nine, 'Asia/Jayapura', 'id')).toBe('Kamis, 30 Desember 2021, pukul 11.00 WIT');
    expect(zoneLabel('Asia/Kolkata', nine)).toBe('UTC+5:30');
  });

  it('does not zero-pad the day', () => {
    expect(formatDateTime(Date.parse('2008-02-05T08:00:00+07:00'), 'Asia/Jakarta', 'id')).toBe(
      'Selasa, 5 Februari 2008, pukul 08.00 WIB',
    );
  });

  it('shows an instant by its minute, the seconds cut off (not rounded), each minute its own', () => {
    const late = Date.parse('2021-12-30T08:59:59.999+07:00');
    expect(formatDateTime(late, 'Asia/Jakarta', 'id')).toBe('Kamis, 30 Desember 2021, pukul 08.59 WIB');
    expect(formatDateTime(nine + 59_999, 'Asia/Jakarta', 'id')).toBe(
      'Kamis, 30 Desember 2021, pukul 09.00 WIB',
    );
    expect(formatDateTime(nine + 60_000, 'Asia/Jakarta', 'id')).toBe(
      'Kamis, 30 Desember 2021, pukul 09.01 WIB',
    );
    // The day turns at local midnight, however the instants before it were kept.
    const midnight = Date.parse('2021-12-31T00:00:00+07:00');
    expect(formatDateTime(midnight - 1, 'Asia/Jakarta', 'en')).toBe('Thursday, 30 December 2021, 23:59 WIB');
    expect(formatDateTime(midnight, 'Asia/Jakarta', 'en')).toBe('Friday, 31 December 2021, 00:00 WIB');
    expect(zoneLabel('Asia/Kolkata', nine + 30_000)).toBe('UTC+5:30');
  });

  it('round-trips wall-clock input in the event zone', () => {
    expect(parseLocalDateTime('2021-12-30T09:00', 'Asia/Jakarta')).toBe(nine);
    expect(toLocalInput(nine, 'Asia/Makassar')).toBe('2021-12-30T10:00');
    expect(isoInZone(nine, 'Asia/Jayapura')).toBe('2021-12-30T11:00:00+09:00');
    expect(parseLocalDateTime('30/12/2021', 'Asia/Jakarta')).toBeNull();
  });
});
