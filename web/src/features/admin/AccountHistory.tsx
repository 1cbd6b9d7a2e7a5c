import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { TimelineEntry } from '@/shared/ui/TimelineEntry';
import { accountActionText, accountChangeLines } from './account-history';
import { useAccountHistory } from './admin-api';

interface Props {
  userId: string;
  /** The person's name (or email), as the entries name them. */
  person: string;
  customerNames: ReadonlyMap<string, string>;
}

/** What happened to the account and who did it, latest first. */
export function AccountHistory({ userId, person, customerNames }: Props) {
  const history = useAccountHistory(userId);
  const events = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="history" aria-labelledby="account-history-heading">
      <h2 id="account-history-heading">History</h2>
      <ErrorNotice error={history.error} title="Could not load the history" />
      {history.isPending && <Loading />}
      {history.data && events.length === 0 && <p className="empty">No history yet.</p>}
      <ol className="timeline" aria-label="Account history, latest first">
        {events.map((event) => (
          <TimelineEntry
            key={event.id}
            at={event.at}
            actor={event.actor}
            lines={accountChangeLines(event, customerNames)}
          >
            {accountActionText(event, person)}
          </TimelineEntry>
        ))}
      </ol>
      {history.hasNextPage && (
        <button
          type="button"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          Show earlier events
        </button>
      )}
    </section>
  );
}
