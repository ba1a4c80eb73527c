import type { FastifyRequest } from 'fastify';
import { CsrfField } from '../../web/page.js';

// The certificate console's repeated form pieces.

/** A one-file upload form (background, signature image). */
export function UploadForm(props: {
  req: FastifyRequest;
  action: string;
  id: string;
  label: string;
  accept: string;
  submit: string;
}) {
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="card">
      <CsrfField req={props.req} />
      <label for={props.id}>{props.label}</label>
      <input id={props.id} type="file" name="file" accept={props.accept} required />
      <button type="submit">{props.submit}</button>
    </form>
  );
}

/** A labelled text setting, its id and name the same. */
export function TextSetting(props: {
  name: string;
  label: string;
  value: string;
  required?: boolean;
  maxlength: number;
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        value={props.value}
        required={props.required}
        maxlength={props.maxlength}
      />
    </>
  );
}

/** One issuing rule, on or off. */
export function RuleCheckbox(props: { name: string; checked: boolean; label: string }) {
  return (
    <label class="inline">
      <input type="checkbox" name={props.name} value="1" checked={props.checked} />
      {props.label}
    </label>
  );
}
