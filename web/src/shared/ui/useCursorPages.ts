import { useState } from 'react';

/**
 * Page through a cursor-paged list: remembers the cursors of the pages seen so that "Previous"
 * works. A new `resetKey` (e.g. the filters, serialised) starts again at page one.
 */
export interface CursorPages {
  /** The cursor of the page shown (undefined on the first). */
  cursor: string | undefined;
  page: number;
  next: (nextCursor: string | null | undefined) => void;
  previous: () => void;
}

export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (nextCursor: string | null | undefined) => {
      if (nextCursor) setState({ key: resetKey, cursors: [...cursors, nextCursor] });
    },
    previous: () =>
      setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
