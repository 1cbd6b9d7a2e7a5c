import { useNavigate } from 'react-router';
import { SIGN_OUT } from '@/shared/session/sign-in-path';

/** To the sign-in page, which signs out (see SIGN_OUT): a form with unsaved input asks first. */
export function SignOutButton() {
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void navigate('/login', { state: SIGN_OUT })}
    >
      Sign out
    </button>
  );
}
