// Outside the event's presence window the server refuses a scan ("belum dibuka" / "sudah selesai"); staff
// may record it anyway with a reason (kept in the audit log). The reason box goes under the refusal.

/** Adds the reason box to the result box; `go` is called with a reason of 3 letters or more. */
export function appendOverride(
  box: HTMLElement,
  t: Record<string, string>,
  go: (reason: string) => void,
): void {
  const wrap = document.createElement('div');
  wrap.className = 'ci-override';
  const label = document.createElement('label');
  label.htmlFor = 'ci-override-reason';
  label.textContent = t.overrideReason ?? '';
  const input = document.createElement('input');
  input.id = 'ci-override-reason';
  input.maxLength = 500;
  input.autocomplete = 'off';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t.overrideGo ?? '';
  const send = () => {
    const reason = input.value.trim();
    if (reason.length < 3) {
      input.focus();
      return;
    }
    go(reason);
  };
  button.addEventListener('click', send);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      send();
    }
  });
  wrap.append(label, input, button);
  box.append(wrap);
}
