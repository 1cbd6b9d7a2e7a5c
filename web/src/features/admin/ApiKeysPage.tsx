import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type Role } from '@/shared/api';
import { formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { AdminNav } from './AdminNav';
import { ConfirmButton } from './ConfirmButton';
import { OneTimeSecret } from './OneTimeSecret';
import { RoleAndCustomerFields } from './RoleAndCustomerFields';
import {
  useApiKeys,
  useCreateApiKey,
  useCustomers,
  useRevokeApiKey,
  type ApiKey,
} from './admin-api';
import { TableWrap } from '@/shared/ui/TableWrap';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

function CreateKeyForm() {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [customerId, setCustomerId] = useState('');
  const nameField = useRef<HTMLInputElement>(null);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(create.error);
  // As for invitations, role and customer stay chosen for the next key: the name is the input.
  useUnsavedChanges(name.trim() !== '' && !create.isPending, 'New key');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        role: role as Role,
        ...(role === 'CUSTOMER' && customerId ? { customerId } : {}),
      },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <section aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">New key</h2>
      {create.data && (
        <OneTimeSecret
          title={`Secret of the key “${create.data.name}”`}
          value={create.data.key}
          onDismiss={() => create.reset()}
          // Ready for the next key.
          focusAfter={nameField}
        >
          Store it now in the system that will use it: it is not shown again. It is sent as{' '}
          <code>Authorization: Bearer …</code>.
        </OneTimeSecret>
      )}
      <form ref={formRef} className="form form-wide" onSubmit={submit} noValidate>
        <Field label="Name" hint="What the key is for, e.g. acme-ci" error={errors.name}>
          <input
            ref={nameField}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </Field>
        <RoleAndCustomerFields
          role={role}
          onRoleChange={setRole}
          customerId={customerId}
          onCustomerChange={setCustomerId}
          errors={errors}
        />
        {Object.keys(errors).length === 0 && <ErrorNotice error={create.error} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create key
          </button>
        </div>
      </form>
    </section>
  );
}

/** Revoking asks once more, in place: a revoked key cannot be brought back. */
function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeApiKey();
  if (apiKey.revokedAt) return null;
  return (
    <ConfirmButton
      action="Revoke"
      whose={` ${apiKey.name}`}
      question={<>Revoke “{apiKey.name}” for good?</>}
      yes="Yes, revoke"
      no="Keep it"
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate(apiKey.id)}
      error={revoke.error}
    />
  );
}

/** Keys for other systems: create one (its secret is shown once), see use, revoke. */
export default function ApiKeysPage() {
  const keys = useApiKeys();
  const customers = useCustomers();
  const customerNames = new Map((customers.data ?? []).map((c) => [c.id, c.name]));
  return (
    <>
      <PageHeader title="API keys" />
      <AdminNav />
      <CreateKeyForm />
      <h2>Keys</h2>
      <ErrorNotice error={keys.error} />
      {keys.isPending && <Loading />}
      {keys.data && (
        <TableWrap label="API keys">
          <table className="stacked">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Role</th>
                <th scope="col">Customer</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id} data-testid="api-key-row">
                  <th scope="row" className="stacked-title">
                    {k.name}
                  </th>
                  <td data-label="Starts with">
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label="Role">{label(k.role)}</td>
                  <td data-label="Customer">
                    {k.customerId ? (customerNames.get(k.customerId) ?? k.customerId) : '—'}
                  </td>
                  <td data-label="Created">{formatDateTime(k.createdAt)}</td>
                  <td data-label="Last used">
                    {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}
                  </td>
                  <td data-label="Status">
                    {k.revokedAt ? (
                      <span className="badge key-revoked">
                        Revoked {formatDateTime(k.revokedAt)}
                      </span>
                    ) : (
                      <span className="badge badge-active">Active</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <RevokeButton apiKey={k} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
