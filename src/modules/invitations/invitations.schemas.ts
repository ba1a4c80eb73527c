import { z } from 'zod';

/** Where a guest's answer stands: no reply yet, attending, or not attending. */
export const InvitationStatus = z.enum(['invited', 'accepted', 'declined']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;
