// The certificate field editor: drag each field on the page, set its size and alignment, and see
// the real PDF (rendered by the server with the longest name on the list) refresh after each change.
// Works with mouse, touch and keyboard (arrow keys move the selected field).

type Align = 'left' | 'center' | 'right';
interface Box {
  x: number;
  y: number;
  width: number;
  size: number;
  align: Align;
  bold: boolean;
  color: string;
  visible: boolean;
}
interface Layout {
  fields: Record<string, Box>;
  texts: Record<string, string>;
  roleText?: string | null;
}

const root = document.getElementById('cert-editor');
if (root) start(root);

function start(el: HTMLElement) {
  const d = el.dataset;
  const en = d.lang === 'en';
  const t = (a: string, b: string) => (en ? b : a);
  const layout = JSON.parse(d.layout ?? '{}') as Layout;
  const api = `/api/v1/events/${d.event}/certificates/templates/${d.role}`;
  const ratio = d.orientation === 'portrait' ? 841.89 / 595.28 : 595.28 / 841.89;
  const pageWidthPt = d.orientation === 'portrait' ? 595.28 : 841.89;
  const LABELS: Record<string, string> = {
    title: t('Judul', 'Title'),
    number: t('Nomor', 'Number'),
    intro: t('Pengantar', 'Intro'),
    name: t('Nama penerima', 'Recipient name'),
    role: t('Peran', 'Role'),
    event: t('Nama kegiatan', 'Event title'),
    dateplace: t('Tanggal dan tempat', 'Date and place'),
    issuer: t('Penyelenggara', 'Issuer'),
    issued: t('Tempat, tanggal terbit', 'Place, date of issue'),
    signatures: t('Tanda tangan', 'Signatures'),
    qr: t('Kode QR', 'QR code'),
    logos: t('Logo penyelenggara dan mitra', 'Organizer and partner logos'),
  };

  el.textContent = '';
  const wrap = document.createElement('div');
  wrap.style.cssText = 'display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))';
  const stage = document.createElement('div');
  stage.setAttribute('role', 'application');
  stage.setAttribute('aria-label', t('Halaman sertifikat', 'Certificate page'));
  stage.style.cssText = `position:relative;align-self:start;height:0;width:100%;padding-top:${ratio * 100}%;border:1px solid #8c959f;background:#fff center/100% 100% no-repeat;touch-action:none;overflow:hidden`;
  if (d.background) stage.style.backgroundImage = `url("${d.background}")`;
  const side = document.createElement('div');
  const status = document.createElement('p');
  status.className = 'muted';
  status.setAttribute('aria-live', 'polite');
  // Its own line: a preview that finishes after a save must not overwrite "saved" (the organizer would not know).
  const saved = document.createElement('p');
  saved.setAttribute('aria-live', 'polite');
  const preview = document.createElement('iframe');
  preview.title = t('Pratinjau PDF', 'PDF preview');
  preview.style.cssText = 'width:100%;aspect-ratio:1.414;border:1px solid #d6dbe0';
  preview.dataset.testid = 'cert-preview';
  const controls = document.createElement('fieldset');
  const save = document.createElement('button');
  save.type = 'button';
  save.textContent = t('Simpan tata letak', 'Save layout');
  wrap.append(stage, side);
  side.append(controls, save, saved, status, preview);
  el.append(wrap);

  let selected = 'name';
  const nodes = new Map<string, HTMLDivElement>();

  function scale() {
    return stage.clientWidth / pageWidthPt;
  }

  function place(key: string) {
    const b = layout.fields[key]!;
    const n = nodes.get(key)!;
    n.style.left = `${b.x * 100}%`;
    n.style.top = `${b.y * 100}%`;
    n.style.width = `${b.width * 100}%`;
    n.style.fontSize = `${Math.max(6, b.size * scale())}px`;
    n.style.textAlign = b.align;
    n.style.fontWeight = b.bold ? '700' : '400';
    n.style.opacity = b.visible ? '1' : '0.35';
    n.style.outline = key === selected ? '2px solid #0b5cad' : '1px dashed #8c959f';
    if (key === 'qr') n.style.height = `${(b.width * stage.clientWidth) | 0}px`;
  }

  for (const key of Object.keys(layout.fields)) {
    const n = document.createElement('div');
    n.tabIndex = 0;
    n.dataset.field = key;
    n.setAttribute('role', 'button');
    n.setAttribute('aria-label', LABELS[key] ?? key);
    n.style.cssText =
      'position:absolute;cursor:move;user-select:none;line-height:1.2;padding:1px;background:rgba(255,255,255,.4);color:#1b1f24;font-family:serif;white-space:nowrap;overflow:hidden';
    n.textContent = key === 'qr' ? '▦ QR' : (LABELS[key] ?? key);
    nodes.set(key, n);
    stage.append(n);
    n.addEventListener('pointerdown', (ev) => {
      select(key);
      n.setPointerCapture(ev.pointerId);
      const start = { x: ev.clientX, y: ev.clientY, bx: layout.fields[key]!.x, by: layout.fields[key]!.y };
      const move = (m: PointerEvent) => {
        const r = stage.getBoundingClientRect();
        const b = layout.fields[key]!;
        b.x = clamp(start.bx + (m.clientX - start.x) / r.width, 0, 1 - b.width);
        b.y = clamp(start.by + (m.clientY - start.y) / r.height, 0, 0.98);
        place(key);
      };
      const up = () => {
        n.removeEventListener('pointermove', move);
        n.removeEventListener('pointerup', up);
        changed();
      };
      n.addEventListener('pointermove', move);
      n.addEventListener('pointerup', up);
    });
    n.addEventListener('keydown', (ev) => {
      const b = layout.fields[key]!;
      const step = ev.shiftKey ? 0.02 : 0.005;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      const mv = moves[ev.key];
      if (!mv) return;
      ev.preventDefault();
      b.x = clamp(b.x + mv[0], 0, 1 - b.width);
      b.y = clamp(b.y + mv[1], 0, 0.98);
      place(key);
      changed();
    });
    n.addEventListener('focus', () => select(key));
  }

  function select(key: string) {
    selected = key;
    for (const k of nodes.keys()) place(k);
    renderControls();
  }

  function input(label: string, el: HTMLInputElement | HTMLSelectElement) {
    const l = document.createElement('label');
    l.textContent = label;
    l.append(el);
    controls.append(l);
    return el;
  }

  function renderControls() {
    controls.textContent = '';
    const b = layout.fields[selected]!;
    const legend = document.createElement('legend');
    legend.textContent = LABELS[selected] ?? selected;
    controls.append(legend);
    const size = input(
      t('Ukuran huruf (pt)', 'Font size (pt)'),
      Object.assign(document.createElement('input'), {
        type: 'number',
        min: '4',
        max: '96',
        step: '0.5',
        value: String(b.size),
      }),
    );
    size.name = 'size';
    size.addEventListener('change', () => {
      const v = Number(size.value);
      if (v >= 4 && v <= 96) b.size = v;
      place(selected);
      changed();
    });
    const width = input(
      t('Lebar (%)', 'Width (%)'),
      Object.assign(document.createElement('input'), {
        type: 'number',
        min: '5',
        max: '100',
        step: '1',
        value: String(Math.round(b.width * 100)),
      }),
    );
    width.addEventListener('change', () => {
      const v = Number(width.value) / 100;
      if (v >= 0.05 && v <= 1) b.width = v;
      b.x = clamp(b.x, 0, 1 - b.width);
      place(selected);
      changed();
    });
    const align = input(t('Perataan', 'Alignment'), document.createElement('select')) as HTMLSelectElement;
    for (const [v, label] of [
      ['left', t('kiri', 'left')],
      ['center', t('tengah', 'centre')],
      ['right', t('kanan', 'right')],
    ])
      align.append(
        Object.assign(document.createElement('option'), {
          value: v,
          textContent: label,
          selected: b.align === v,
        }),
      );
    align.addEventListener('change', () => {
      b.align = align.value as Align;
      place(selected);
      changed();
    });
    for (const [prop, label] of [
      ['bold', t('Tebal', 'Bold')],
      ['visible', t('Tampilkan', 'Show')],
    ] as const) {
      const c = Object.assign(document.createElement('input'), { type: 'checkbox', checked: b[prop] });
      c.addEventListener('change', () => {
        b[prop] = c.checked;
        place(selected);
        changed();
      });
      const l = document.createElement('label');
      l.className = 'inline';
      l.append(c, ` ${label}`);
      controls.append(l);
    }
  }

  let timer: number | undefined;
  let seq = 0;
  let lastUrl: string | null = null;
  function changed() {
    // A change after a save is not saved yet.
    saved.textContent = '';
    status.textContent = t('Memperbarui pratinjau…', 'Updating the preview…');
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 350);
  }

  async function refresh() {
    const mine = ++seq;
    try {
      const r = await fetch(`${api}/preview`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': d.csrf ?? '' },
        body: JSON.stringify({ layout }),
      });
      if (!r.ok)
        throw new Error(
          ((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
            String(r.status),
        );
      const blob = await r.blob();
      if (mine !== seq) return;
      if (lastUrl) URL.revokeObjectURL(lastUrl);
      lastUrl = URL.createObjectURL(blob);
      preview.src = lastUrl;
      preview.dataset.updated = String(mine);
      status.textContent = t('Pratinjau diperbarui.', 'Preview updated.');
    } catch (err) {
      status.textContent = `${t('Pratinjau gagal', 'Preview failed')}: ${(err as Error).message}`;
    }
  }

  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const r = await fetch(api, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': d.csrf ?? '' },
        body: JSON.stringify({ layout }),
      });
      saved.textContent = r.ok
        ? t('Tata letak tersimpan.', 'Layout saved.')
        : `${t('Gagal menyimpan', 'Could not save')}: ${((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? r.status}`;
    } finally {
      save.disabled = false;
    }
  });

  new ResizeObserver(() => {
    for (const k of nodes.keys()) place(k);
  }).observe(stage);
  select(selected);
  void refresh();
}

function clamp(v: number, lo: number, hi: number) {
  return Math.min(hi, Math.max(lo, Math.round(v * 1000) / 1000));
}
