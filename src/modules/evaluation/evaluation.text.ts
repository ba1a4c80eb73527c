/** The evaluation pages' words: the participant's form on the ticket page and the console. */
export const T = {
  heading: { id: 'Evaluasi acara', en: 'Event evaluation' },
  intro: {
    id: 'Bantu kami memperbaiki acara berikutnya. Mengisi evaluasi hanya sekali dan butuh ±2 menit.',
    en: 'Help us improve the next event. You fill it in once; it takes about 2 minutes.',
  },
  send: { id: 'Kirim evaluasi', en: 'Send the evaluation' },
  thanks: {
    id: 'Terima kasih, evaluasi Anda sudah kami terima.',
    en: 'Thank you, we have received your evaluation.',
  },
  optional: { id: '(boleh dikosongkan)', en: '(optional)' },
  backToTicket: { id: 'Kembali ke tiket', en: 'Back to the ticket' },
  results: { id: 'Hasil evaluasi', en: 'Evaluation results' },
  editQuestions: { id: 'Ubah pertanyaan', en: 'Edit the questions' },
  open: { id: 'Buka evaluasi', en: 'Open the evaluation' },
  close: { id: 'Tutup evaluasi', en: 'Close the evaluation' },
  responses: { id: 'Jawaban masuk', en: 'Responses' },
  average: { id: 'Rata-rata', en: 'Average' },
  status: {
    draft: { id: 'Belum dibuka', en: 'Not open yet' },
    open: { id: 'Dibuka', en: 'Open' },
    closed: { id: 'Ditutup', en: 'Closed' },
  },
} as const;
