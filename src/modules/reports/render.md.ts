import type { Block } from './reports.document.js';

/** Markdown-escapes typed text so a participant's "<b>" or "**" stays literal wherever it is rendered. */
function mdText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([`*_{}[\]#|!])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '  \n');
}

const cell = (s: string) => mdText(s).replace(/ {2}\n/g, ' ') || ' ';

export function renderMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.t) {
      case 'cover':
        out.push(
          `# ${mdText(b.lines[0]?.text ?? '')}`,
          '',
          ...b.lines.slice(1).map((l) => (l.bold ? `**${mdText(l.text)}**  ` : `${mdText(l.text)}  `)),
          '',
        );
        break;
      case 'h1':
        out.push(`## ${mdText(b.text)}`, '');
        break;
      case 'h2':
        out.push(`### ${mdText(b.text)}`, '');
        break;
      case 'p':
        out.push(mdText(b.text), '');
        break;
      case 'kv':
        out.push('| | |', '|---|---|', ...b.rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '');
        break;
      case 'table':
        out.push(
          `| ${b.head.map(cell).join(' | ')} |`,
          `|${b.head.map(() => '---').join('|')}|`,
          ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          '',
        );
        break;
      case 'list':
        out.push(...b.items.map((i, k) => `${b.markers?.[k]?.replace('•', '-') ?? '-'} ${mdText(i)}`), '');
        break;
      case 'image':
        out.push(`![${mdText(b.caption)}](/uploads/${b.path})`, '', `*${mdText(b.caption)}*`, '');
        break;
      case 'signatures':
        out.push(
          mdText(b.place),
          '',
          ...b.slots.flatMap((s) => [
            `**${mdText(s.label)}**`,
            '',
            '',
            `${mdText(s.name || '(……………………)')}  `,
            s.idNumber ? `${mdText(s.idNumber)}` : '',
            '',
          ]),
        );
        break;
      case 'pagebreak':
        out.push('---', '');
        break;
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
