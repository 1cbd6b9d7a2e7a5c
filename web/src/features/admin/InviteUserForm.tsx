import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type Role } from '@/shared/api';
import { formatDateTime } from '@/shared/format/dates';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { OneTimeSecret } from './OneTimeSecret';
import { useInviteUser } from './admin-api';
import { RoleAndCustomerFields } from './RoleAndCustomerFields';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

/** Invite a person by email: the answer is a one-time link the admin hands over. */
export function InviteUserForm({ roles }: { roles: readonly Role[] }) {
  const invite = useInviteUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  // With one role to give (STAFF invites customers' engineers only), it is chosen already.
  const [role, setRole] = useState<Role | ''>(roles.length === 1 ? roles[0] : '');
  const [customerId, setCustomerId] = useState('');
  const emailField = useRef<HTMLInputElement>(null);
  const errors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(invite.error);
  // Role and customer stay chosen after an invitation, for the next one: the person typed is what
  // an invitation not sent yet would lose.
  useUnsavedChanges(
    (email.trim() !== '' || name.trim() !== '') && !invite.isPending,
    'Invite someone',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      {
        email: email.trim(),
        role: role as Role,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(role === 'CUSTOMER' && customerId ? { customerId } : {}),
      },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      {invite.data && (
        <OneTimeSecret
          title={`Invitation link for ${invite.data.user.email}`}
          value={invite.data.invitation.url}
          onDismiss={() => invite.reset()}
          // Ready for the next person.
          focusAfter={emailField}
        >
          Send it to them: it works once, until {formatDateTime(invite.data.invitation.expiresAt)}.
          It is not shown again (a new link can be made on their page, under Users).
        </OneTimeSecret>
      )}
      <form ref={formRef} className="form form-wide invite-form" onSubmit={submit} noValidate>
        <Field label="Email" error={errors.email}>
          <input
            ref={emailField}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="off"
            required
          />
        </Field>
        <Field label="Name" hint="Optional: they can set it themselves" error={errors.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <RoleAndCustomerFields
          role={role}
          onRoleChange={setRole}
          customerId={customerId}
          onCustomerChange={setCustomerId}
          errors={errors}
          customerHint="Whose engagements they see"
          roles={roles}
        />
        {Object.keys(errors).length === 0 && <ErrorNotice error={invite.error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            Invite
          </button>
        </div>
      </form>
    </section>
  );
}
