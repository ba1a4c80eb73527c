import sharp from 'sharp';

/**
 * Drawn stand-ins for the seed's documentation photos (the real ones are not ours to ship): the hall with
 * people on distanced seats, the opening remarks in the hall and on the screen, the online participants'
 * gallery and the question session. 1800×1200 px, so a report prints them well above 200 ppi.
 */
const W = 1800;
const H = 1200;

const skin = ['#8d5524', '#c68642', '#e0ac69', '#a0662f', '#b97a45'];
const cloth = ['#2f5d8a', '#7a2f4d', '#2f7a5d', '#8a6d2f', '#4d4d7a', '#7a4d2f', '#3d6b6b'];

function person(x: number, y: number, s: number, i: number, hijab: boolean): string {
  const face = skin[i % skin.length];
  const body = cloth[(i * 3) % cloth.length];
  return `<g>
<path d="M${x - 34 * s} ${y + 70 * s} q${34 * s} ${-62 * s} ${68 * s} 0 v${40 * s} h${-68 * s} z" fill="${body}"/>
${hijab ? `<circle cx="${x}" cy="${y + 8 * s}" r="${30 * s}" fill="${cloth[(i + 2) % cloth.length]}"/>` : ''}
<circle cx="${x}" cy="${y + 10 * s}" r="${22 * s}" fill="${face}"/>
${hijab ? '' : `<path d="M${x - 22 * s} ${y + 4 * s} q${22 * s} ${-30 * s} ${44 * s} 0 z" fill="#1d1d1d"/>`}
</g>`;
}

function chair(x: number, y: number, s: number): string {
  return `<rect x="${x - 30 * s}" y="${y + 40 * s}" width="${60 * s}" height="${70 * s}" rx="${6 * s}" fill="#5b4636"/>`;
}

function svg(body: string, bg = '#efe7da'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="${bg}"/>${body}</svg>`;
}

/** The hall from the back: a screen and banner in front, chairs in rows, every other one empty. */
function hall(): string {
  const parts = [
    '<rect x="0" y="0" width="1800" height="520" fill="#e8dcc8"/>',
    '<rect x="0" y="520" width="1800" height="680" fill="#b9a58a"/>',
    '<rect x="560" y="70" width="680" height="360" fill="#f8f8f8" stroke="#444" stroke-width="8"/>',
    '<rect x="600" y="110" width="600" height="60" fill="#0f766e"/>',
    '<rect x="600" y="200" width="420" height="24" fill="#9aa"/><rect x="600" y="240" width="520" height="24" fill="#9aa"/>',
    '<rect x="90" y="120" width="360" height="300" fill="#b45309"/><rect x="1350" y="120" width="360" height="300" fill="#4338ca"/>',
  ];
  let i = 0;
  for (let row = 0; row < 5; row++) {
    const s = 0.75 + row * 0.16;
    const y = 470 + row * 140;
    const n = 12;
    const span = 1500 + row * 60;
    for (let c = 0; c < n; c++) {
      const x = (W - span) / 2 + (c + 0.5) * (span / n);
      parts.push(chair(x, y, s));
      // Checkerboard distancing: every other chair stays empty, shifted by one each row.
      if ((c + row) % 2 === 0) parts.push(person(x, y - 10 * s, s, i++, i % 3 === 0));
    }
  }
  return svg(parts.join(''));
}

/** The opening: the Lurah at the lectern, the Dean on the screen by video conference. */
function remarks(): string {
  const parts = [
    '<rect x="0" y="0" width="1800" height="1200" fill="#e6dccb"/>',
    '<rect x="820" y="90" width="860" height="500" fill="#1f2937" stroke="#444" stroke-width="10"/>',
    '<rect x="860" y="130" width="780" height="420" fill="#cbd5e1"/>',
    person(1250, 250, 3.2, 1, false),
    '<rect x="860" y="500" width="300" height="50" fill="#111827" fill-opacity=".7"/>',
    '<rect x="0" y="780" width="1800" height="420" fill="#a08868"/>',
    '<path d="M300 620 h260 l-30 520 h-200 z" fill="#6b4f3a"/>',
    person(430, 360, 3, 3, false),
    '<rect x="380" y="560" width="100" height="14" fill="#333"/>',
  ];
  for (let c = 0; c < 6; c++) parts.push(chair(200 + c * 280, 980, 1.1));
  return svg(parts.join(''));
}

/** The online participants' gallery on a laptop screen. */
function gallery(): string {
  const parts = [
    '<rect x="150" y="80" width="1500" height="940" rx="30" fill="#111827"/>',
    '<rect x="190" y="120" width="1420" height="860" fill="#1f2937"/>',
    '<path d="M60 1040 h1680 l-80 90 h-1520 z" fill="#9ca3af"/>',
  ];
  let i = 0;
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 5; c++) {
      const x = 205 + c * 281;
      const y = 135 + r * 209;
      parts.push(
        `<rect x="${x}" y="${y}" width="270" height="198" fill="${['#334155', '#3f3f46', '#1e3a5f', '#3b3b2f'][(r + c) % 4]}"/>`,
      );
      parts.push(person(x + 135, y + 50, 1.2, i++, i % 2 === 0));
    }
  return svg(parts.join(''), '#d6d3d1');
}

/** A participant in the hall asks a question with the microphone; the four speakers sit in front. */
function questions(): string {
  const parts = [
    '<rect x="0" y="0" width="1800" height="560" fill="#e8dcc8"/>',
    '<rect x="0" y="560" width="1800" height="640" fill="#b9a58a"/>',
    '<rect x="200" y="380" width="1400" height="70" fill="#7c5b3e"/>',
  ];
  for (let k = 0; k < 4; k++) parts.push(person(380 + k * 350, 250, 1.6, k + 5, false));
  parts.push(person(900, 760, 3, 9, true));
  parts.push(
    '<rect x="990" y="800" width="22" height="120" rx="8" fill="#222" transform="rotate(-25 1000 860)"/>',
  );
  return svg(parts.join(''));
}

export const DEMO_PHOTOS: { draw: () => string; caption: string; agenda: string | null }[] = [
  {
    draw: hall,
    caption:
      'Undangan yang hadir secara luring di Aula Kelurahan Kanigaran dengan protokol kesehatan dan jarak pada setiap bangku yang telah disediakan.',
    agenda: null,
  },
  {
    draw: remarks,
    caption:
      'Sambutan Lurah Kanigaran Bapak Dwi Arianto, S.Sos., M.M. di lokasi dan Dekan FISIP Bapak Imam Sucahyo, M.AP secara daring.',
    agenda: 'Sambutan Lurah Kanigaran',
  },
  {
    draw: gallery,
    caption: '47 peserta mengikuti seminar secara daring lewat Zoom.',
    agenda: null,
  },
  {
    draw: questions,
    caption: 'Sesi tanya jawab: pertanyaan dari peserta luring dan daring dijawab keempat pemateri.',
    agenda: 'Sesi tanya jawab (peserta luring dan daring)',
  },
];

/** One drawing as a JPEG, the way a phone photo arrives. */
export const photoJpeg = (draw: () => string) => sharp(Buffer.from(draw())).jpeg({ quality: 85 }).toBuffer();
