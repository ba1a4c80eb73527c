import type { Locale, Text } from '../../i18n/index.js';
import type { CaptionDto, StageDto } from '../../shared/realtime.js';

const C = {
  captions: { id: 'Takarir langsung', en: 'Live captions' },
  show: { id: 'Tampilkan takarir', en: 'Show captions' },
  none: { id: 'Belum ada takarir.', en: 'No captions yet.' },
  join: { id: 'Masuk ruang daring', en: 'Join the online room' },
  next: { id: 'Anda berikutnya', en: 'You are next' },
  now: { id: 'Anda sedang tampil', en: 'You are on now' },
} satisfies Record<string, Text>;

/**
 * The live page's captions: a toggle (a plain details element, so it opens without JavaScript too)
 * over the latest lines; the island keeps them current (client/_captions.ts).
 */
export function CaptionsToggle(props: { captions: CaptionDto[] | undefined; l: Locale }) {
  const lines = (props.captions ?? []).slice(-3);
  return (
    <details class="captions card" id="captions">
      <summary>{C.show[props.l]}</summary>
      <ol id="captions-lines" class="captions-lines" aria-live="polite" aria-label={C.captions[props.l]}>
        {lines.map((c) => (
          <li data-id={c.id}>{c.text}</li>
        ))}
      </ol>
      <p class="muted" id="captions-none" hidden={lines.length > 0}>
        {C.none[props.l]}
      </p>
    </details>
  );
}

/** Whether the stage pointer has this speaker on now, next, or neither. */
function speakerCue(stage: StageDto, personId: string): 'now' | 'next' | null {
  if (stage.now?.people.some((p) => p.id === personId)) return 'now';
  if (stage.next?.people.some((p) => p.id === personId)) return 'next';
  return null;
}

/** The speaker's view: the cue driven by the stage pointer, and their own join button when remote. */
export function SpeakerBar(props: { personId: string; stage: StageDto; joinHref: string | null; l: Locale }) {
  const cue = speakerCue(props.stage, props.personId);
  return (
    <div class="speaker-bar" id="speaker-bar">
      <p
        id="speaker-cue"
        class={`speaker-cue ${cue ?? ''}`}
        data-person={props.personId}
        data-now={C.now[props.l]}
        data-next={C.next[props.l]}
        role="status"
        hidden={!cue}
      >
        {cue === 'now' ? C.now[props.l] : cue === 'next' ? C.next[props.l] : ''}
      </p>
      {props.joinHref ? (
        <a class="btn" id="speaker-join" href={props.joinHref} rel="noopener" target="_blank">
          {C.join[props.l]}
        </a>
      ) : null}
    </div>
  );
}

/** Styles of the captions and the speaker's cue on the live page. */
export const CAPTIONS_CSS = `
.captions summary{cursor:pointer;font-weight:600}.captions-lines{margin:.4rem 0 0;padding-left:1.2rem}
.captions-lines li{margin:.15rem 0;overflow-wrap:anywhere}.captions-lines li:last-child{font-weight:600}
.speaker-bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.speaker-cue{margin:0;padding:.4rem .8rem;border-radius:.4rem;font-weight:700;background:#fff3cd;color:#5c4400}
.speaker-cue.now{background:#d1f2d9;color:#0b4d1c}
.cloud .w0{color:#0b5cad}.cloud .w1{color:#8a4b00}.cloud .w2{color:#1d6b3a}.cloud .w3{color:#7a2e8a}.cloud .w4{color:#444}
.poll[data-kind=rating] form{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
.answers{list-style:none;padding:0}.answers li{margin:.3rem 0;padding:.3rem .5rem;background:var(--soft);border-radius:.3rem;overflow-wrap:anywhere}
`;
