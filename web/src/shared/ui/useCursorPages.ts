import { useLocation, useNavigate } from 'react-router';

/**
 * Page through a cursor-paged list: remembers the cursors of the pages seen so that "Previous"
 * works. A new `resetKey` (e.g. the filters, serialised) starts again at page one.
 *
 * The cursors live in the history entry's state (under `name`, one per list on a page), not in
 * component state: Back from an engagement opened on page 3, or a reload, returns to page 3.
 * They stay out of the address, which would otherwise carry opaque cursors into shared links.
 */
export interface CursorPages {
  /** The cursor of the page shown (undefined on the first). */
  cursor: string | undefined;
  page: number;
  next: (nextCursor: string | null | undefined) => void;
  previous: () => void;
}

interface SavedPages {
  key: string;
  /** null for the first page: history state is cloned, and stays plain data. */
  cursors: (string | null)[];
}

export function useCursorPages(name: string, resetKey: string): CursorPages {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as Record<string, unknown>;
  const slot = `pages:${name}`;
  const saved = state[slot] as SavedPages | undefined;
  const cursors = saved?.key === resetKey ? saved.cursors : [null];
  const show = (next: (string | null)[]) =>
    navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      {
        replace: true,
        preventScrollReset: true,
        state: { ...state, [slot]: { key: resetKey, cursors: next } satisfies SavedPages },
      },
    );
  return {
    cursor: cursors[cursors.length - 1] ?? undefined,
    page: cursors.length,
    next: (nextCursor: string | null | undefined) => {
      if (nextCursor) void show([...cursors, nextCursor]);
    },
    previous: () => void show(cursors.length > 1 ? cursors.slice(0, -1) : cursors),
  };
}
