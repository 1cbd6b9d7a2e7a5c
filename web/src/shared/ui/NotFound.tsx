import { Link } from 'react-router';
import { PageHeader } from './PageHeader';

/**
 * "Not found": for an unknown address, and for records the API answers 404 for — including
 * those of another customer, which are not told apart from ones that do not exist.
 */
export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <>
      <PageHeader title={what === 'page' ? 'Page not found' : `${capitalise(what)} not found`} />
      <p>
        There is no {what} at this address, or it is not yours to see.{' '}
        <Link to="/">Go to your start page</Link>.
      </p>
    </>
  );
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
