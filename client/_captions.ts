import type { CaptionDto, StageDto } from '../src/shared/realtime.js';
import { $, h } from './_live-dom.js';

// Captions on the islands' screens (the live page's toggle, the projector's and overlay's optional
// band) and the speaker's cue. Lines go in as text nodes: markup a captioner typed shows as typed.

/** The live page: the latest lines under the captions toggle. */
export function renderCaptionLines(captions: CaptionDto[]): void {
  const list = $('captions-lines');
  if (!list) return;
  list.replaceChildren(...captions.slice(-3).map((c) => h('li', { 'data-id': c.id }, c.text)));
  const none = $('captions-none');
  if (none) none.hidden = captions.length > 0;
}

/**
 * The projector's or overlay's caption band, when the screen was opened with ?captions=1 (it is
 * optional: not every hall wants text under the speaker). Returns the band's renderer, or null.
 */
export function captionBand(view: 'projector' | 'overlay'): ((captions: CaptionDto[]) => void) | null {
  if (new URLSearchParams(location.search).get('captions') !== '1') return null;
  const band = h('div', { id: 'caption-band', class: 'caption-band', 'aria-live': 'polite' });
  band.style.cssText =
    view === 'projector'
      ? 'position:fixed;left:0;right:0;bottom:0;height:12vh;padding:1vh 3vw;background:#000;color:#fff;font-size:min(2.4vw,4.2vh);line-height:1.25;overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end'
      : 'position:absolute;left:3vw;right:3vw;bottom:1.5vh;max-height:11vh;padding:.3em .7em;background:rgba(0,0,0,.78);color:#fff;font-size:min(1.9vw,3.4vh);line-height:1.25;overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end;border-radius:.2em';
  document.body.append(band);
  // The hall screen gives the band its own strip, so nothing else is drawn under it.
  if (view === 'projector') document.body.style.paddingBottom = 'calc(12vh + 2vh)';
  // On the stream, the speaker's lower third moves up above the band.
  const lower = $('lower');
  if (view === 'overlay' && lower) lower.style.bottom = '14vh';
  return (captions) => {
    band.replaceChildren(
      ...captions.slice(-2).map((c) => {
        const line = h('p', { 'data-id': c.id }, c.text);
        line.style.cssText = 'margin:0;overflow-wrap:anywhere';
        return line;
      }),
    );
    band.hidden = captions.length === 0;
  };
}

/** The speaker's view: "Anda sedang tampil" / "Anda berikutnya" from the stage pointer. */
export function renderSpeakerCue(stage: StageDto): void {
  const el = $('speaker-cue');
  const id = el?.dataset.person;
  if (!el || !id) return;
  const cue = stage.now?.people.some((p) => p.id === id)
    ? 'now'
    : stage.next?.people.some((p) => p.id === id)
      ? 'next'
      : null;
  el.hidden = !cue;
  el.className = `speaker-cue ${cue ?? ''}`;
  el.textContent = cue ? (el.dataset[cue] ?? '') : '';
}
