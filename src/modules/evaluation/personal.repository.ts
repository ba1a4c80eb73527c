import type { Db } from '../../db/database.js';

export const evaluationPersonalRepository = {
  /** The person's answers with the questions they answered (the form's JSON, read by the part). */
  async copy(db: Db, eventId: string, registrationId: string) {
    const response = await db
      .selectFrom('evaluation_responses')
      .select(['answers', 'submitted_at'])
      .where('event_id', '=', eventId)
      .where('registration_id', '=', registrationId)
      .executeTakeFirst();
    if (!response) return null;
    const form = await db
      .selectFrom('evaluation_forms')
      .select('questions')
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return { ...response, questions: form?.questions ?? null };
  },
};
