/**
 * One small stylesheet for every page, no web fonts (research/indonesia.md §5), served as an immutable file
 * (stylesheet.ts). Kept free of quotes, `<`, `>` and `&` (tested), so it could be inlined through JSX text
 * escaping again without silently breaking a rule.
 */
export const CSS = `
*{box-sizing:border-box}
:root{--fg:#1b1f24;--muted:#59636e;--bg:#fff;--soft:#f4f6f8;--line:#d6dbe0;--brand:#0b5cad;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}
html{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,Noto Sans,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--brand)}
header.top{display:flex;gap:.75rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;border-bottom:1px solid var(--line);flex-wrap:wrap}
header.top .brand{font-weight:700;text-decoration:none;color:var(--fg)}
header.top nav{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
main{max-width:60rem;margin:0 auto;padding:1rem}
footer{max-width:60rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.muted{color:var(--muted)}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:.75rem 0;background:var(--bg)}
.card h2:first-child,.card h3:first-child,.card input[type=hidden]+h2,.card input[type=hidden]+h3{margin-top:0}
.grid{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
label.inline{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
input,select,textarea{font:inherit;width:100%;padding:.55rem .6rem;border:1px solid #8c959f;border-radius:.4rem;background:#fff;color:inherit}
input[type=checkbox],input[type=radio]{width:auto;margin-top:.3rem}
textarea{min-height:5rem}
button,.btn{font:inherit;display:inline-block;padding:.6rem 1rem;border-radius:.4rem;border:1px solid var(--brand);background:var(--brand);color:#fff;text-decoration:none;cursor:pointer;min-height:44px}
button.secondary,.btn.secondary{background:#fff;color:var(--brand)}
button.danger{background:var(--bad);border-color:var(--bad)}
.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.8rem;background:var(--soft);border:1px solid var(--line)}
.badge.ok{background:#dafbe1;border-color:#aceebb}.badge.warn{background:#fff8c5;border-color:#eac54f}.badge.bad{background:#ffebe9;border-color:#ffcecb}
.notice{padding:.75rem 1rem;border-radius:.5rem;margin:.75rem 0;border:1px solid var(--line);background:var(--soft)}
.notice.error{border-color:#ffcecb;background:#ffebe9}
.notice.ok{border-color:#aceebb;background:#dafbe1}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
ol.rundown{list-style:none;padding:0;margin:0}
ol.rundown li{display:grid;grid-template-columns:7.5rem 1fr;gap:.5rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.banner{width:100%;height:auto;border-radius:.5rem}
.logos{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
.logos img{height:48px;width:auto}
@media (max-width:30rem){ol.rundown li{grid-template-columns:1fr}h1{font-size:1.35rem}}
`;
