import { NotFound } from '@/shared/ui/NotFound';

export function NotFoundPage() {
  return <NotFound />;
}
