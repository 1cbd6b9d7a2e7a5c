import { useState, type FormEvent } from 'react';
import { ApiError, ROLES, type Role } from '@/shared/api';
import { formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { OneTimeSecret } from './OneTimeSecret';
import { useCustomers, useInviteUser } from './admin-api';

/** Invite a person by email: the answer is a one-time link the admin hands over. */
export function InviteUserForm() {
  const invite = useInviteUser();
  const customers = useCustomers();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [customerId, setCustomerId] = useState('');
  const errors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};

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
        >
          Send it to them: it works once, until {formatDateTime(invite.data.invitation.expiresAt)}.
          It is not shown again (a new link can be made from the list).
        </OneTimeSecret>
      )}
      <form className="form form-wide invite-form" onSubmit={submit} noValidate>
        <Field label="Email" error={errors.email}>
          <input
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
        <Field label="Role" error={errors.role}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} required>
            <option value="">Choose a role…</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'CUSTOMER' && (
          <Field label="Customer" hint="Whose engagements they see" error={errors.customerId}>
            <select value={customerId} onChange={(e) => setCustomerId(e.target.value)} required>
              <option value="">Choose a customer…</option>
              {(customers.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
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
