import { useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';
import { useRename, type OwnAccount } from './account-api';

/** The person's own name: until they set one, others see their email. */
export function NameForm({ account }: { account: OwnAccount }) {
  const rename = useRename();
  const saved = account.name ?? '';
  const [name, setName] = useState(saved);
  const errors = rename.error instanceof ApiError ? rename.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(rename.error);
  const dirty = name.trim() !== saved;
  useUnsavedChanges(dirty && !rename.isPending, 'Your name');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The field shows the name as kept (trimmed, composed), so it is not "unsaved" afterwards.
    rename.mutate(name.trim(), { onSuccess: (me) => setName(me.name) });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Your name">
      <Field
        label="Name"
        hint={
          account.name === null
            ? `Not set yet: others see your email, ${account.email}, instead`
            : 'How others see you: in the header, lists of people and the history of your changes'
        }
        error={errors.name}
      >
        <input
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      {Object.keys(errors).length === 0 && <ErrorNotice error={rename.error} title="Not saved" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={rename.isPending}>
          Save name
        </button>
      </div>
      <p className="done-message" role="status">
        {rename.isSuccess && !dirty && 'Your name is saved.'}
      </p>
    </form>
  );
}
