import QRCode from 'qrcode';

interface DrawnQr {
  /**
   * One path, stroked one module wide through the middle of each row: a line per run of dark modules, each
   * run a relative move and a length (~1.3 KB for a ticket, half of a rectangle per run), offset by the
   * 4-module quiet zone.
   */
  d: string;
  /** The side in modules, quiet zone included. */
  total: number;
}

/** Tickets kept drawn: a path is ~1.3 KB, so ~15 MB at most, about one big webinar's surge of openings. */
const KEEP = 10_000;
// Process-wide on purpose: a QR is a pure function of the text it encodes (a ticket's code never changes, and a
// new code is a new key), so every app in the process may share one memo and it can never be stale. Drawing
// one costs ~1 ms of CPU (eight mask patterns scored), the largest part of a ticket page. A Map keeps insertion
// order, which makes it an LRU: a hit is moved to the end, the first key is the least recently used.
const drawn = new Map<string, DrawnQr>();

function draw(text: string): DrawnQr {
  // Ticket codes are lowercase letters and digits, which only byte mode encodes; saying so up front skips
  // the library's search for the cheapest mix of modes.
  const qr = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const n = qr.modules.size;
  const dark = (x: number, y: number) => qr.modules.data[y * n + x] !== 0;
  let d = '';
  for (let y = 0; y < n; y++) {
    // x where the pen stands after the row's last run, or null before the row's first one.
    let pen: number | null = null;
    let x = 0;
    while (x < n) {
      if (!dark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && dark(x, y)) x++;
      d += pen === null ? `M${start + 4} ${y + 4.5}h${x - start}` : `m${start - pen} 0h${x - start}`;
      pen = x;
    }
  }
  return { d, total: n + 8 };
}

/**
 * The drawn QR of this text, from the memo when it was drawn before. The ticket page puts it in as inline SVG
 * (ticket.body.tsx): no extra request, no image decoding, crisp at any size, one stroked path with a 4-module
 * quiet zone.
 */
export function qrPath(text: string): DrawnQr {
  const hit = drawn.get(text);
  if (hit) {
    drawn.delete(text);
    drawn.set(text, hit);
    return hit;
  }
  const made = draw(text);
  drawn.set(text, made);
  if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value!);
  return made;
}
