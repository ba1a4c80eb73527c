// The door checks in a speaker or official (a programme person, no ticket) found by the search: their
// presence is recorded by the program module, and the door shows the same green answer as a ticket.

const T = {
  in: { id: 'Tercatat hadir di aula', en: 'Recorded as present in the hall' },
  failed: { id: 'Gagal mencatat. Coba lagi.', en: 'Could not record. Try again.' },
};

export async function checkInPerson(
  api: string,
  csrf: string,
  lang: string,
  personId: string,
): Promise<{ ok: true; line: string } | { ok: false; message: string }> {
  const l = lang === 'en' ? 'en' : 'id';
  const r = await fetch(`${api}/people/${encodeURIComponent(personId)}/checkin?lang=${l}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrf },
  }).catch(() => null);
  if (!r) return { ok: false, message: T.failed[l] };
  if (r.ok) return { ok: true, line: T.in[l] };
  try {
    return { ok: false, message: ((await r.json()) as { error: { message: string } }).error.message };
  } catch {
    return { ok: false, message: T.failed[l] };
  }
}
