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
import {
  useCreateCustomer,
  useCreateEngagement,
  useCustomers,
  useTemplates,
} from './engagements-api';
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
};

/** The form's labels of the fields the generic wording would name otherwise ("Template key"). */
const FIELD_LABELS: Record<string, string> = {
  templateKey: 'Template',
  name: 'Engagement name',
};

export default function NewEngagementPage() {
  const navigate = useNavigate();
  const customers = useCustomers();
  const templates = useTemplates();
  const createCustomer = useCreateCustomer();
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
    createEngagement.error ??
      createCustomer.error ??
      (Object.keys(unchosen).length ? unchosen : undefined),
  );

  const typed =
    [customerName, templateKey, cloudProvider, securityTier, name].some(Boolean) ||
    customerId !== initialCustomer ||
    startDate !== today ||
    contacts.some((row) => row.name || row.email);
  const saving = createCustomer.isPending || createEngagement.isPending;
  useUnsavedChanges(typed && !saving && !createEngagement.isSuccess, 'New engagement');

  const template = templates.data?.find((t) => t.key === templateKey);
  const clouds = template?.allowedCloudProviders ?? CLOUD_PROVIDERS;
  const parties = template?.parties ?? ['WSO2', 'CUSTOMER'];

  const customerErrors =
    createCustomer.error instanceof ApiError ? createCustomer.error.fieldErrors : {};
  // Taken (by any case): it is in the list already, to choose instead of making it again.
  if (createCustomer.error instanceof ApiError && createCustomer.error.status === 409) {
    const typed = customerName.trim().toLowerCase();
    const taken = customers.data?.find((c) => c.name.toLowerCase() === typed)?.name;
    customerErrors.name = `“${taken ?? customerName.trim()}” already exists: choose it from the Customer list`;
  }
  const choices: Record<string, string> = {
    customerId,
    templateKey,
    cloudProvider,
    securityTier,
    startDate,
  };
  const errors = {
    ...(createEngagement.error instanceof ApiError ? createEngagement.error.fieldErrors : {}),
    // Until the choice is made.
    ...Object.fromEntries(Object.entries(unchosen).filter(([field]) => !choices[field])),
  };

  const chooseTemplate = (key: string) => {
    setTemplateKey(key);
    const allowed = templates.data?.find((t) => t.key === key)?.allowedCloudProviders;
    if (allowed && cloudProvider && !allowed.includes(cloudProvider)) setCloudProvider('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    createEngagement.reset();
    const missing = Object.fromEntries(Object.entries(CHOOSE).filter(([field]) => !choices[field]));
    setUnchosen(missing);
    if (Object.keys(missing).length > 0) return;
    let id = customerId;
    if (customerId === NEW_CUSTOMER) {
      try {
        const created = await createCustomer.mutateAsync({ name: customerName });
        // Chosen from now on, so a second try does not create the customer again.
        setCustomerId(created.id);
        id = created.id;
      } catch {
        return;
      }
    }
    createEngagement.mutate(
      {
        customerId: id,
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
        {customerId === NEW_CUSTOMER && (
          <Field label="New customer name" error={customerErrors.name}>
            <input
              value={customerName}
              onChange={(e) => setCustomerName(e.target.value)}
              required
            />
          </Field>
        )}
        {createCustomer.error && !customerErrors.name && (
          <ErrorNotice error={createCustomer.error} />
        )}
        <Field label="Template" error={errors.templateKey}>
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
        <ErrorNotice
          error={createEngagement.error}
          fieldLabel={(path) => FIELD_LABELS[path] ?? contactFieldLabel(contacts, parties)(path)}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            Create engagement
          </button>
        </div>
      </form>
    </>
  );
}
