import { Link } from 'react-router';
import { ROLES, type Role } from '@/shared/api';
import { label } from '@/shared/format/labels';
import { Field } from '@/shared/ui/Field';
import { NEW_CUSTOMER_PATH } from '@/shared/engagement/new-customer';
import { useCustomers } from './admin-api';

interface Props {
  role: Role | '';
  onRoleChange: (role: Role | '') => void;
  customerId: string;
  onCustomerChange: (customerId: string) => void;
  /** The API's field errors of the form (`role`, `customerId`). */
  errors: Record<string, string>;
  customerHint?: string;
  /** The roles to offer (default: every role). */
  roles?: readonly Role[];
  /** False where the role is not the person's to change: only the customer is offered. */
  showRole?: boolean;
}

/**
 * A role, and the customer when the role is CUSTOMER: the same rule for API keys and for people,
 * so one pair of fields for both forms.
 */
export function RoleAndCustomerFields({
  role,
  onRoleChange,
  customerId,
  onCustomerChange,
  errors,
  customerHint,
  roles = ROLES,
  showRole = true,
}: Props) {
  const customers = useCustomers();
  const none = customers.data?.length === 0;
  // A customer is made with its first engagement, on another page: say so here, where one is
  // missed (on a fresh install the list is empty).
  const whereFrom = (
    <>
      {none ? 'No customers yet: a customer is added' : 'Not listed? A customer is added'} with its
      first engagement, under <Link to={NEW_CUSTOMER_PATH}>New engagement</Link>.
    </>
  );
  return (
    <>
      {showRole && (
        <Field label="Role" error={errors.role && (role ? errors.role : 'Choose a role')}>
          <select value={role} onChange={(e) => onRoleChange(e.target.value as Role)} required>
            <option value="">Choose a role…</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {role === 'CUSTOMER' && (
        <Field
          label="Customer"
          hint={
            customerHint ? (
              <>
                {customerHint}. {whereFrom}
              </>
            ) : (
              whereFrom
            )
          }
          error={errors.customerId && (customerId ? errors.customerId : 'Choose a customer')}
        >
          <select value={customerId} onChange={(e) => onCustomerChange(e.target.value)} required>
            <option value="">Choose a customer…</option>
            {(customers.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}
