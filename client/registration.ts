// Live preview of the name as it will be printed on the certificate (titles kept exactly as typed).
import { fullName } from '../src/shared/names.js';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-reg]')) {
  const out = form.querySelector<HTMLOutputElement>('output[name=preview]');
  const field = (n: string) => form.querySelector<HTMLInputElement>(`[name=${n}]`);
  const update = () => {
    const name = field('name')?.value.trim() ?? '';
    if (out)
      out.value = name
        ? fullName({ frontTitles: field('frontTitles')?.value, name, backTitles: field('backTitles')?.value })
        : '…';
  };
  form.addEventListener('input', update);
  update();
}
