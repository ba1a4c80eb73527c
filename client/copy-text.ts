// "Salin" buttons: `data-copy="<element id>"` copies that field's text (the news article) to the clipboard.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const ids = (button.dataset.copy ?? '').split(' ');
    const text = ids
      .map(
        (id) => (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '',
      )
      .filter(Boolean)
      .join('\n\n');
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = button.dataset.done ?? '✓';
    } catch {
      const field = document.getElementById(ids.at(-1) ?? '') as HTMLTextAreaElement | null;
      field?.select();
    }
  });
}
