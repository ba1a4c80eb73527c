import type { Block } from './reports.document.js';

const NUMBERED = /^\s*(\d{1,2}[.)]|[a-z][.)]|[-•*])\s+(.*)$/;

/**
 * Text the organizer typed, as blocks that keep its shape: a blank line starts a new paragraph, lines
 * beginning "1." / "a)" / "-" become a list with their own markers, other line breaks stay line breaks.
 * ("…digital. 2. Memperkenalkan…" was one merged paragraph in PDF and DOCX.)
 */
export function typedBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => l.trim());
    let prose: string[] = [];
    let items: string[] = [];
    let markers: string[] = [];
    const flush = () => {
      if (prose.length) out.push({ t: 'p', text: prose.join('\n') });
      if (items.length) out.push({ t: 'list', items, markers });
      prose = [];
      items = [];
      markers = [];
    };
    for (const line of lines) {
      const m = NUMBERED.exec(line);
      if (m) {
        if (prose.length) {
          out.push({ t: 'p', text: prose.join('\n') });
          prose = [];
        }
        markers.push(/^[-•*]$/.test(m[1]!) ? '•' : m[1]!);
        items.push(m[2]!.trim());
      } else if (items.length && /^\s+/.test(line)) {
        // An indented line continues the item above it.
        items[items.length - 1] += ` ${line.trim()}`;
      } else {
        if (items.length) {
          out.push({ t: 'list', items, markers });
          items = [];
          markers = [];
        }
        prose.push(line.trim());
      }
    }
    flush();
  }
  return out;
}
