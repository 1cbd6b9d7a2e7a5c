import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  ApiError,
  CLOUD_PROVIDERS,
  SECURITY_TIERS,
  type CloudProvider,
  type SecurityTier,
} from '@/shared/api';
import { localTodayIso } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { PageHeader } from '@/shared/ui/PageHeader';
import {
  contactFieldLabel,
  contactsToSend,
  PartyContacts,
  type ContactRow,
} from './ContactsEditor';
import { useCreateEngagement, useCustomers, useTemplates } from './engagements-api';
import { startsWithNewCustomer } from '@/shared/engagement/new-customer';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

const NEW_CUSTOMER = '__new__';
/** What to say of each choice not made yet. */
const CHOOSE: Record<string, string> = {
  customerId: 'Choose a customer',
  templateKey: 'Choose a management model',
  cloudProvider: 'Choose a cloud provider',
  securityTier: 'Choose a security tier',
  startDate: 'Choose a start date',
  'customer.name': 'Enter the new customer’s name',
};

/** The form's labels of the fields the generic wording would name otherwise ("Template key"). */
const FIELD_LABELS: Record<string, string> = {
  'customer.name': 'New customer name',
  templateKey: 'Management model',
  name: 'Engagement name',
};

export default function NewEngagementPage() {
  const navigate = useNavigate();
  const customers = useCustomers();
  const templates = useTemplates();
  const createEngagement = useCreateEngagement();

  const [params] = useSearchParams();
  const [initialCustomer] = useState(() => (startsWithNewCustomer(params) ? NEW_CUSTOMER : ''));
  const [customerId, setCustomerId] = useState(initialCustomer);
  const [customerName, setCustomerName] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const [cloudProvider, setCloudProvider] = useState<CloudProvider | ''>('');
  const [securityTier, setSecurityTier] = useState<SecurityTier | ''>('');
  // The person's today, not UTC's: a start date is a day in their calendar.
  const [today] = useState(localTodayIso);
  const [startDate, setStartDate] = useState(today);
  const [name, setName] = useState('');
  const [contacts, setContacts] = useState<ContactRow[]>([]);
  // Choices not made yet, said in the form's words before anything is sent.
  const [unchosen, setUnchosen] = useState<Record<string, string>>({});
  const formRef = useFocusFirstInvalid<HTMLFormElement>(
    createEngagement.error ?? (Object.keys(unchosen).length ? unchosen : undefined),
  );

  const typed =
    [customerName, templateKey, cloudProvider, securityTier, name].some(Boolean) ||
    customerId !== initialCustomer ||
    startDate !== today ||
    contacts.some((row) => row.name || row.email);
  const saving = createEngagement.isPending;
  useUnsavedChanges(typed && !saving && !createEngagement.isSuccess, 'New engagement');

  const template = templates.data?.find((t) => t.key === templateKey);
  const clouds = template?.allowedCloudProviders ?? CLOUD_PROVIDERS;
  const parties = template?.parties ?? ['WSO2', 'CUSTOMER'];

  const newCustomer = customerId === NEW_CUSTOMER;
  const choices: Record<string, string> = {
    customerId,
    templateKey,
    cloudProvider,
    securityTier,
    startDate,
    ...(newCustomer ? { 'customer.name': customerName.trim() } : {}),
  };
  const refusal = createEngagement.error instanceof ApiError ? createEngagement.error : undefined;
  const errors = {
    ...refusal?.fieldErrors,
    // Until the choice is made.
    ...Object.fromEntries(
      Object.entries(unchosen).filter(([field]) => field in choices && !choices[field]),
    ),
  };
  // Taken (by any case): it is in the list already, to choose instead of making it again.
  const nameTaken = refusal?.status === 409 && 'customer.name' in refusal.fieldErrors;
  if (nameTaken) {
    const typed = customerName.trim().toLowerCase();
    const taken = customers.data?.find((c) => c.name.toLowerCase() === typed)?.name;
    errors['customer.name'] =
      `“${taken ?? customerName.trim()}” already exists: choose it from the Customer list`;
  }

  const chooseTemplate = (key: string) => {
    setTemplateKey(key);
    const allowed = templates.data?.find((t) => t.key === key)?.allowedCloudProviders;
    if (allowed && cloudProvider && !allowed.includes(cloudProvider)) setCloudProvider('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    createEngagement.reset();
    const missing = Object.fromEntries(
      Object.entries(CHOOSE).filter(([field]) => field in choices && !choices[field]),
    );
    setUnchosen(missing);
    if (Object.keys(missing).length > 0) return;
    createEngagement.mutate(
      {
        // A new customer is made with the engagement, in one request: refused, nothing is made.
        ...(newCustomer ? { customer: { name: customerName } } : { customerId }),
        templateKey,
        cloudProvider: cloudProvider as CloudProvider,
        securityTier: securityTier as SecurityTier,
        startDate,
        ...(name.trim() ? { name: name.trim() } : {}),
        contacts: contactsToSend(contacts, parties),
      },
      { onSuccess: (created) => void navigate(`/engagements/${created.id}`) },
    );
  };

  return (
    <>
      <PageHeader title="New engagement" />
      <form ref={formRef} className="form form-wide" onSubmit={submit} noValidate>
        <Field label="Customer" error={errors.customerId}>
          <select value={customerId} onChange={(e) => setCustomerId(e.target.value)} required>
            <option value="">Choose a customer…</option>
            {(customers.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_CUSTOMER}>New customer…</option>
          </select>
        </Field>
        {newCustomer && (
          <Field label="New customer name" error={errors['customer.name']}>
            <input
              value={customerName}
              onChange={(e) => setCustomerName(e.target.value)}
              required
            />
          </Field>
        )}
        <Field label="Management model" error={errors.templateKey}>
          <select value={templateKey} onChange={(e) => chooseTemplate(e.target.value)} required>
            <option value="">Choose a management model…</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Cloud provider" error={errors.cloudProvider}>
          <select
            value={cloudProvider}
            onChange={(e) => setCloudProvider(e.target.value as CloudProvider)}
            required
          >
            <option value="">Choose…</option>
            {clouds.map((c) => (
              <option key={c} value={c}>
                {label(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Security tier" error={errors.securityTier}>
          <select
            value={securityTier}
            onChange={(e) => setSecurityTier(e.target.value as SecurityTier)}
            required
          >
            <option value="">Choose…</option>
            {SECURITY_TIERS.map((t) => (
              <option key={t} value={t}>
                {label(t)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Start date" error={errors.startDate}>
          <input
            type="date"
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            required
          />
        </Field>
        <Field
          label="Engagement name"
          hint="Optional: defaults to customer and model"
          error={errors.name}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <PartyContacts parties={parties} rows={contacts} errors={errors} onChange={setContacts} />
        {/* A rule refused at its field (a start date too late) is said there, not again here; an
            invalid request's summary of the fields to check is worth its box on a long form. */}
        {!nameTaken &&
          !(refusal?.status === 422 && Object.keys(refusal.fieldErrors).length > 0) && (
            <ErrorNotice
              error={createEngagement.error}
              fieldLabel={(path) =>
                FIELD_LABELS[path] ?? contactFieldLabel(contacts, parties)(path)
              }
            />
          )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            Create engagement
          </button>
        </div>
      </form>
    </>
  );
}
