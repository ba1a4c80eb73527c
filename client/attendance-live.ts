// The attendance dashboard's live numbers: a server-sent event stream (EventSource reconnects by
// itself after a drop); each message carries the whole summary, so a missed one is never a problem.
const root = document.getElementById('attendance-live');
if (root?.dataset.stream && 'EventSource' in window) {
  const source = new EventSource(root.dataset.stream);
  source.addEventListener('summary', (ev) => {
    const data = JSON.parse((ev as MessageEvent<string>).data) as Record<string, Record<string, number>>;
    for (const el of root.querySelectorAll<HTMLElement>('[data-k]')) {
      const [group, key] = el.dataset.k!.split('.');
      const value = data[group!]?.[key!];
      if (value === undefined) continue;
      el.textContent = el.dataset.template
        ? el.dataset.template.replace('{n}', String(value))
        : String(value);
    }
    root.dataset.updated = String(Date.now());
  });
}
