import { renderPage } from '../../web/render.js';
import type { Block } from './reports.document.js';
import type { Narrative } from './reports.schemas.js';

const css = (m: Narrative['margins']) => `
@page{size:A4;margin:${m.top}cm ${m.right}cm ${m.bottom}cm ${m.left}cm}
body{font:12pt/1.5 DejaVu Serif,Georgia,serif;color:#111;max-width:46rem;margin:1rem auto;padding:0 1rem}
h1{font-size:14pt;text-align:center;margin:1.5rem 0 1rem}h2{font-size:12pt;margin:1rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:10.5pt}th,td{border:1px solid #555;padding:.2rem .35rem;vertical-align:top;text-align:left}
table.kv td{border:none}.cover{text-align:center;min-height:80vh;display:flex;flex-direction:column;justify-content:center;gap:.6rem}
.xl{font-size:20pt}.l{font-size:16pt}.m{font-size:13pt}.s{font-size:11pt}.b{font-weight:bold}
figure{margin:1rem 0;text-align:center}figure img{max-width:100%;height:auto}.sig{display:flex;gap:2rem;justify-content:space-between;margin-top:2rem}.sig div{flex:1;text-align:center}
.sig .name{margin-top:4rem;font-weight:bold;text-decoration:underline}.pb{break-after:page}
p,.sig div{white-space:pre-line}.logos{display:flex;gap:1.2rem;justify-content:center}.logos img{height:4.5rem;width:auto}
ol.typed{list-style:none;padding-left:2rem}ol.typed li{text-indent:-1.6rem}ol.typed b{display:inline-block;min-width:1.6rem;font-weight:normal;text-indent:0}
@media print{body{max-width:none;margin:0;padding:0}}`;

function BlockView({ b }: { b: Block }) {
  switch (b.t) {
    case 'cover':
      return (
        <section class="cover">
          {b.logos.length ? (
            <div class="logos">
              {b.logos.map((p) => (
                <img src={`/uploads/${p}`} alt="" />
              ))}
            </div>
          ) : null}
          {b.lines.map((l) => (
            <div class={`${l.size}${l.bold ? ' b' : ''}`}>{l.text}</div>
          ))}
        </section>
      );
    case 'h1':
      return <h1>{b.text}</h1>;
    case 'h2':
      return <h2>{b.text}</h2>;
    case 'p':
      return <p>{b.text}</p>;
    case 'kv':
      return (
        <table class="kv">
          <tbody>
            {b.rows.map(([k, v]) => (
              <tr>
                <td style="width:35%">{k}</td>
                <td>: {v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {b.head.map((h, i) => (
                <th style={`width:${b.widths[i]}%`}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr>
                {r.map((c) => (
                  <td>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return b.markers ? (
        <ol class="typed">
          {b.items.map((i, k) => (
            <li>
              <b>{b.markers![k]}</b>
              {i}
            </li>
          ))}
        </ol>
      ) : (
        <ul>
          {b.items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      );
    case 'image':
      return (
        <figure>
          <img src={`/uploads/${b.path}`} alt={b.caption} loading="lazy" />
          <figcaption>{b.caption}</figcaption>
        </figure>
      );
    case 'signatures':
      return (
        <>
          <p style="text-align:right">{b.place}</p>
          <div class="sig">
            {b.slots.map((s) => (
              <div>
                <div>{s.label}</div>
                <div class="name">{s.name || '(……………………………)'}</div>
                <div>{s.idNumber}</div>
              </div>
            ))}
          </div>
        </>
      );
    case 'pagebreak':
      return <div class="pb" />;
  }
}

/** A printable HTML document (A4 with the report's margins); every value is escaped by Preact. */
export function renderHtml(
  title: string,
  blocks: Block[],
  margins: Narrative['margins'],
  lang: 'id' | 'en' = 'id',
): string {
  return renderPage(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
        <style>{css(margins)}</style>
      </head>
      <body>
        {blocks.map((b) => (
          <BlockView b={b} />
        ))}
      </body>
    </html>,
  );
}
