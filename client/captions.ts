import { $, h, lang, tr } from './_live-dom.js';

// The caption desk: Enter sends the typed line; where the browser has speech recognition (Web
// Speech API), it can feed Indonesian lines itself. No speech model is shipped: without the API
// the captioner types. The page's forms work without this island.

const T = {
  failed: { id: 'Gagal mengirim. Coba lagi.', en: 'Could not send. Try again.' },
  sent: { id: 'Terkirim.', en: 'Sent.' },
  start: { id: 'Mulai dengarkan', en: 'Start listening' },
  stop: { id: 'Berhenti', en: 'Stop' },
};

interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  start(): void;
  stop(): void;
  onresult:
    | ((e: {
        resultIndex: number;
        results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
      }) => void)
    | null;
  onend: (() => void) | null;
}
type RecognitionCtor = new () => Recognition;

const root = $('caption-desk');
if (root) start(root);

function start(root: HTMLElement) {
  const eventId = root.dataset.event!;
  const csrf = root.dataset.csrf ?? '';
  const msg = $('caption-msg');
  const list = $('caption-lines');
  const correct = $('caption-correct') as HTMLInputElement | null;

  async function call(method: 'POST' | 'PATCH', url: string, body: unknown) {
    const r = await fetch(`${url}?lang=${lang()}`, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (!r?.ok) {
      let text = tr(T.failed);
      try {
        if (r) text = ((await r.json()) as { error?: { message?: string } }).error?.message ?? text;
      } catch {}
      if (msg) msg.textContent = text;
      return null;
    }
    if (msg) msg.textContent = tr(T.sent);
    return (await r.json()) as { id: string; text: string };
  }

  function show(line: { id: string; text: string }) {
    $('caption-none')?.remove();
    const old = list?.querySelector(`li[data-id="${line.id}"]`);
    if (old) old.textContent = line.text;
    else list?.append(h('li', { 'data-id': line.id }, line.text));
    while (list && list.children.length > 10) list.firstElementChild?.remove();
    if (correct) correct.value = line.text;
  }

  async function send(text: string, source: 'typed' | 'speech') {
    const line = await call('POST', `/api/v1/events/${eventId}/captions`, { text, source });
    if (line) show(line);
    return !!line;
  }

  const form = $('caption-form') as HTMLFormElement | null;
  const input = $('caption-line') as HTMLInputElement | null;
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = input?.value.trim() ?? '';
    if (!text) return;
    if ((await send(text, 'typed')) && input) input.value = '';
    input?.focus();
  });

  $('correct-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = correct?.value.trim() ?? '';
    if (!text) return;
    const line = await call('PATCH', `/api/v1/events/${eventId}/captions/last`, { text });
    if (line) show(line);
  });

  const w = window as unknown as {
    SpeechRecognition?: RecognitionCtor;
    webkitSpeechRecognition?: RecognitionCtor;
  };
  const SR = w.SpeechRecognition ?? w.webkitSpeechRecognition;
  const box = $('speech-box');
  const none = $('speech-none');
  if (!SR) {
    if (none) none.hidden = false;
    return;
  }
  if (box) box.hidden = false;
  const toggle = $('speech-toggle') as HTMLButtonElement | null;
  const interim = $('speech-interim');
  let listening = false;
  const rec = new SR();
  rec.lang = 'id-ID';
  rec.continuous = true;
  rec.interimResults = true;
  rec.onresult = (e) => {
    let pending = '';
    for (let i = e.resultIndex; i < e.results.length; i++) {
      const r = e.results[i]!;
      const text = r[0].transcript.trim();
      if (r.isFinal) {
        if (text) void send(text, 'speech');
      } else pending += `${text} `;
    }
    if (interim) interim.textContent = pending.trim();
  };
  // Recognition stops by itself after a silence: keep listening until the captioner stops it.
  rec.onend = () => {
    if (listening) rec.start();
  };
  toggle?.addEventListener('click', () => {
    listening = !listening;
    if (listening) rec.start();
    else rec.stop();
    toggle.textContent = tr(listening ? T.stop : T.start);
  });
}
