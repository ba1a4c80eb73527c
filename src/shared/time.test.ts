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

describe('offsets of the Indonesian zones', () => {
  it('agree with Intl at every instant from 1988 on, and old dates still ask Intl', () => {
    const intlIso = (ms: number, tz: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          timeZoneName: 'longOffset',
        })
          .formatToParts(new Date(ms))
          .map((x) => [x.type, x.value]),
      );
      const name = String(p.timeZoneName);
      const off = name === 'GMT' ? '+00:00' : name.slice(3);
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off}`;
    };
    const zones = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Ujung_Pandang', 'Asia/Jayapura'];
    // Every 97 days (and a few hours) from 1988 to 2040, and before 1988, where Pontianak was still on WITA.
    const instants = [Date.UTC(1987, 5, 1), Date.UTC(1975, 0, 1, 12)];
    for (let ms = Date.UTC(1988, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 97 * 86_400_000 + 3_600_000 * 5)
      instants.push(ms);
    for (const tz of zones)
      for (const ms of instants) expect(isoInZone(ms, tz), `${tz} ${ms}`).toBe(intlIso(ms, tz));
    expect(isoInZone(Date.UTC(1987, 5, 1), 'Asia/Pontianak')).toMatch(/\+08:00$/);
  });
});
