import type { Locale } from '../../i18n/index.js';
import { renderDocx } from './render.docx.js';
import { renderHtml } from './render.html.js';
import { renderMarkdown } from './render.md.js';
import { renderPdf } from './render.pdf.js';
import type { Berita } from './reports.berita.js';
import { type Block, buildReport } from './reports.document.js';
import type { FORMATS } from './reports.schemas.js';
import { REPORT_TEXT } from './reports.text.js';
import type { ReportSource } from './reports.versions.js';

interface Produced {
  body: string | Buffer;
  type: string;
  /** The download name, or null for the HTML shown inline. */
  file: string | null;
}

/** One report file from one source (live draft or final snapshot), in one format and language. */
export async function produceReport(
  src: ReportSource,
  format: (typeof FORMATS)[number],
  lang: Locale,
  uploadsDir: string,
): Promise<Produced> {
  const { data, version } = src;
  const blocks = buildReport(data, lang, version);
  const title = `${REPORT_TEXT[lang].reportTitle} — ${data.event.title}`;
  const name = `${lang === 'id' ? 'laporan-kegiatan' : 'activity-report'}-${data.event.slug}${
    version ? `-v${version.version}` : ''
  }`;
  const margins = data.narrative.margins;
  switch (format) {
    case 'md':
      return { body: renderMarkdown(blocks), type: 'text/markdown; charset=utf-8', file: `${name}.md` };
    case 'html':
      return { body: renderHtml(title, blocks, margins, lang), type: 'text/html; charset=utf-8', file: null };
    case 'docx':
      return {
        body: await renderDocx(blocks, margins, uploadsDir, { title }),
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        file: `${name}.docx`,
      };
    case 'pdf':
      return {
        body: Buffer.from(
          await renderPdf(blocks, margins, uploadsDir, {
            title,
            lang,
            at: version?.finalizedAt ?? data.generatedAt,
          }),
        ),
        type: 'application/pdf',
        file: `${name}.pdf`,
      };
  }
}

/** The news article as DOCX: the headline, its paragraphs, then each photo with its caption. */
export async function beritaDocx(a: Berita, uploadsDir: string): Promise<Buffer> {
  const blocks: Block[] = [
    { t: 'h1', text: a.title },
    ...a.paragraphs.map((text) => ({ t: 'p' as const, text })),
    ...a.photos.map((p) => ({
      t: 'image' as const,
      path: p.path,
      caption: p.caption,
      width: null,
      height: null,
    })),
  ];
  return renderDocx(blocks, { top: 2.5, left: 2.5, bottom: 2.5, right: 2.5 }, uploadsDir, { title: a.title });
}
