// The door's search results: a line per person (name, institution, hall or online and seat, the last
// digits of the phone to tell two namesakes apart, when they already arrived) and a check-in button.
import type { ServerResult } from './_checkin-api.js';
import type { RosterPerson } from './_checkin-store.js';
import type { DoorWords, Texts } from './_checkin-words.js';

/** A row from the server's search (a registration, or a programme person with `personId`) or the roster. */
export type FoundPerson =
  | RosterPerson
  | (ServerResult['registration'] & {
      checkedInAt: string | null;
      phone4: string | null;
      personId?: string;
    });

export function renderFound(
  list: HTMLElement,
  rows: FoundPerson[],
  t: Texts,
  words: DoorWords,
  pick: (p: FoundPerson) => void,
): void {
  list.replaceChildren();
  if (!rows.length) {
    const li = document.createElement('li');
    li.textContent = t.none!;
    list.append(li);
    return;
  }
  for (const p of rows) {
    const li = document.createElement('li');
    const span = document.createElement('span');
    const at = typeof p.checkedInAt === 'string' ? Date.parse(p.checkedInAt) : p.checkedInAt;
    span.textContent = [
      p.name,
      p.institution,
      words.modeLine(p),
      p.phone4 ? `…${p.phone4}` : '',
      at ? `${t.already} ${words.when(at)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t.checkIn!;
    b.addEventListener('click', () => pick(p));
    li.append(span, b);
    list.append(li);
  }
}
