// Reads the chosen report file into the form's text box, so the import is a plain form post
// (with its CSRF field) and pasting the CSV works the same way without JavaScript.
const file = document.getElementById('import-file') as HTMLInputElement | null;
const text = document.getElementById('import-csv') as HTMLTextAreaElement | null;
const name = document.getElementById('import-filename') as HTMLInputElement | null;
file?.addEventListener('change', async () => {
  const f = file.files?.[0];
  if (!f || !text) return;
  text.value = await f.text();
  if (name) name.value = f.name;
});
