import { describe, expect, it } from 'vitest';
import { offlineVerdict } from '../client/_checkin-offline.js';
import type { RosterPerson } from '../client/_checkin-store.js';
import { doorWords } from '../client/_checkin-words.js';

// The page's Indonesian texts for these answers (checkin.view.tsx hands them to the island).
const t = {
  onsite: 'Luring (di aula)',
  online: 'Daring',
  seat: 'Kursi',
  welcome: 'Selamat datang',
  alreadyAt: 'Sudah check-in {time}',
  at: 'pukul {time}',
  by: 'oleh {name}',
  notOpenYet: 'Check-in belum dibuka: pintu dibuka {when}.',
  closedAt: 'Check-in sudah selesai (ditutup {when}).',
  offlineSaved: 'Disimpan offline, dikirim saat tersambung.',
  notInList: 'Tidak ada di daftar peserta pada HP ini.',
  cancelled: 'Pendaftaran dibatalkan.',
  waitlisted: 'Masih dalam daftar tunggu.',
  registeredOnline: 'Terdaftar daring, bukan di aula.',
};
// 2026-12-08 08:30 WITA (Makassar, UTC+8) is 00:30 UTC.
const doorsOpen = Date.UTC(2026, 11, 8, 0, 0);
const closes = Date.UTC(2026, 11, 8, 6, 0);
const now = Date.UTC(2026, 11, 8, 0, 30);
const words = doorWords(t, 'id', 'Asia/Makassar', () => now);
const person = (p: Partial<RosterPerson> = {}): RosterPerson => ({
  id: 'r1',
  h: 'h',
  name: 'Dr. Ir. Siti Rahma, M.Si.',
  institution: null,
  phone4: null,
  mode: 'onsite',
  status: 'confirmed',
  seat: 'B12',
  checkedInAt: null,
  checkedInBy: null,
  ...p,
});
const w = { doorsOpen, closes };

describe('the door without a connection', () => {
  it('admits a confirmed hall ticket inside the window, in the event’s time and words', () => {
    expect(offlineVerdict(person(), now, w, t, words)).toEqual({
      tone: 'green',
      title: 'Dr. Ir. Siti Rahma, M.Si.',
      lines: ['Selamat datang. Disimpan offline, dikirim saat tersambung.', 'Luring (di aula) · Kursi B12'],
      admit: true,
    });
  });

  it('answers as the server would: outside the window, cancelled, waitlisted, online, unknown', () => {
    const early = offlineVerdict(person(), doorsOpen - 60_000, w, t, words);
    expect([early.tone, early.admit, early.lines]).toEqual([
      'red',
      false,
      ['Check-in belum dibuka: pintu dibuka pukul 08.00.'],
    ]);
    // The day after: the closing time carries its date (not "closed at 14.00" as if it were today).
    const late = offlineVerdict(
      person(),
      closes + 1,
      w,
      t,
      doorWords(t, 'id', 'Asia/Makassar', () => now + 86_400_000),
    );
    expect(late.lines).toEqual(['Check-in sudah selesai (ditutup Selasa, 8 Desember 2026, pukul 14.00).']);
    for (const [p, line] of [
      [person({ status: 'cancelled' }), t.cancelled],
      [person({ status: 'waitlisted' }), t.waitlisted],
      [person({ mode: 'online' }), t.registeredOnline],
    ] as const) {
      const v = offlineVerdict(p, now, w, t, words);
      expect([v.tone, v.admit, v.lines]).toEqual(['red', false, [line]]);
    }
    expect(offlineVerdict(undefined, now, w, t, words)).toMatchObject({
      tone: 'red',
      title: t.notInList,
      admit: false,
    });
    // No window known yet (an old roster): the window is the server's to judge.
    expect(offlineVerdict(person(), doorsOpen - 86_400_000, null, t, words).admit).toBe(true);
  });

  it('says a second arrival is a repeat, with when and by whom, and does not admit it again', () => {
    const v = offlineVerdict(
      person({ checkedInAt: now - 10 * 60_000, checkedInBy: 'Pintu 2' }),
      now,
      w,
      t,
      words,
    );
    expect(v).toEqual({
      tone: 'amber',
      title: 'Dr. Ir. Siti Rahma, M.Si.',
      lines: ['Sudah check-in pukul 08.20 oleh Pintu 2', 'Luring (di aula) · Kursi B12'],
      admit: false,
    });
    // English writes the time with a colon; Papua's doors are on WIT (UTC+9).
    expect(doorWords({ ...t, at: 'at {time}' }, 'en', 'Asia/Jayapura', () => now).when(now)).toBe('at 09:30');
  });
});
