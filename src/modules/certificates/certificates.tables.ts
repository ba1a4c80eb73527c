export const CERT_ROLES = ['peserta', 'pemateri', 'moderator', 'mc', 'panitia'] as const;
export type CertRole = (typeof CERT_ROLES)[number];
type CertStatus = 'valid' | 'revoked';

export interface CertificateSettingsTable {
  event_id: string;
  /** Numbering pattern, e.g. `{seq}/SERT/{org}/{month-roman}/{year}`; must contain `{seq}`. */
  pattern: string;
  org_code: string;
  /** JSON: eligibility rules per role (see certificates.schemas.ts `Rules`). */
  rules: string;
  /** Issuing organization as printed; the event's organization when null. */
  issuer: string | null;
  /** Place printed beside the issue date ("Probolinggo"); the venue's name when null. */
  place: string | null;
  /** Issue date printed on the certificate; the event's last day when null. */
  issue_date: number | null;
  /** 1: print training hours (JP, 45 minutes each) from the attended duration. */
  training_hours: number;
  updated_at: number;
}

export interface CertificateTemplatesTable {
  id: string;
  event_id: string;
  role: CertRole;
  orientation: 'landscape' | 'portrait';
  /** Relative to DATA_DIR/uploads: a JPEG (re-encoded) or a one-page PDF. */
  background_path: string | null;
  background_kind: 'image' | 'pdf' | null;
  /** JSON: field layout (see certificates.schemas.ts `Layout`). */
  fields: string;
  /** JSON: one or two signature blocks. */
  signers: string;
  updated_at: number;
}

interface CertificateCountersTable {
  /** The number with `{seq}` left out: every distinct prefix counts on its own, never going back. */
  scope: string;
  value: number;
}

export interface CertificatesTable {
  id: string;
  event_id: string;
  /** Public verification code in the QR link (/v/:code). */
  code: string;
  /** Secret that lets a recipient without a ticket (speakers) download the PDF. */
  download_key: string;
  number: string;
  role: CertRole;
  registration_id: string | null;
  person_id: string | null;
  /** `r:<registration id>`, `p:<person id>` or `m:<id>` for a manual recipient: one certificate per key and role. */
  recipient_key: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  /** Where the "your certificate is ready" e-mail goes; never shown on verification. */
  email: string | null;
  status: CertStatus;
  override: number;
  version: number;
  issued_at: number;
  issued_by: string | null;
  revoked_at: number | null;
  revoke_reason: string | null;
  updated_at: number;
}

export interface CertificateJobsTable {
  id: string;
  event_id: string;
  /** JSON array of roles. */
  roles: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  issued: number;
  error: string | null;
  created_by: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface CertificateTables {
  certificate_settings: CertificateSettingsTable;
  certificate_templates: CertificateTemplatesTable;
  certificate_counters: CertificateCountersTable;
  certificates: CertificatesTable;
  certificate_jobs: CertificateJobsTable;
}
