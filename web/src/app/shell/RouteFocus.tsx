import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigationType } from 'react-router';

/**
 * Swapping the page in place tells a screen reader nothing, and leaves the focus on the link that
 * was followed (or drops it to the body). So after a navigation to another page, the focus goes
 * to the new page's h1 (PageHeader's, focusable by script) — once it is shown, as screens that
 * load their data show a loading state first. Not on the first load, which the browser announces
 * itself, nor when only the query string changes (filters, sorting, an opened drill-down): that is
 * the same page, and the focus stays where the person is typing.
 *
 * An address whose fragment names an element of the page (`/engagements/:id#task-<key>`, one task)
 * gets what the browser does for a fragment but cannot here, the page being drawn after its data:
 * that element is scrolled to and focused — or, when it cannot take the focus, the heading in it
 * that can — on the first load too.
 *
 * Back (or Forward) to a page left by following a link in it puts the focus on that link again,
 * as a browser does for pages of its own: a keyboard user who went from the overdue board to a
 * task and back is where they were, not at the top of the page.
 */
export function RouteFocus() {
  const { pathname, key } = useLocation();
  const navigation = useNavigationType();
  const shown = useRef(false);
  const currentKey = useRef(key);
  currentKey.current = key;
  useEffect(() => rememberLinksFollowed(() => currentKey.current), []);
  useEffect(() => {
    // Redirects before the first page is shown (/ to the start page, to sign-in) are its load.
    const firstLoad = !shown.current;
    // Not on a load (a reload too), where the browser leaves the focus at the top.
    const followed = navigation === 'POP' && !firstLoad ? linkFollowedFrom(key) : undefined;
    if (followed && !fragmentTarget()) {
      return whenShown(`a[href="${CSS.escape(followed)}"]`, (link) => {
        shown.current = true;
        link.focus({ preventScroll: true });
      });
    }
    return whenShown('h1', (heading) => {
      shown.current = true;
      const target = fragmentTarget();
      if (target) {
        target.scrollIntoView({ block: 'start' });
        focusable(target).focus({ preventScroll: true });
      } else if (!firstLoad) {
        heading.focus();
      }
    });
    // Only a new page moves the focus: a new entry of the same page (a filter) leaves it be.
  }, [pathname]);
  return <Outlet />;
}

/** Links followed from each history entry (its key), kept across a reload like the entries. */
const FOLLOWED_KEY = 'ot.linksFollowed';
const FOLLOWED_KEPT = 50;

function readFollowed(): [string, string][] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(FOLLOWED_KEY) ?? '[]');
    return Array.isArray(value) ? (value as [string, string][]) : [];
  } catch {
    return [];
  }
}

function linkFollowedFrom(key: string): string | undefined {
  return readFollowed().find(([from]) => from === key)?.[1];
}

/** Notes, per history entry, the in-app link of the page a click or Enter follows from it. */
function rememberLinksFollowed(entryKey: () => string): () => void {
  const remember = (event: MouseEvent) => {
    // Links of the page itself: the site's navigation is on every page, and Back to a page
    // reached by it goes to the page's heading, which says where the person is.
    const link = (event.target as Element | null)?.closest?.('main a[href^="/"]');
    const href = link?.getAttribute('href');
    if (!href) return;
    const key = entryKey();
    const kept = readFollowed().filter(([from]) => from !== key);
    kept.push([key, href]);
    sessionStorage.setItem(FOLLOWED_KEY, JSON.stringify(kept.slice(-FOLLOWED_KEPT)));
  };
  // Enter on a link is a click too; capturing sees it before the router navigates.
  document.addEventListener('click', remember, true);
  return () => document.removeEventListener('click', remember, true);
}

/** Calls `then` once with the first element matching `selector`, now or when it is added. */
function whenShown(selector: string, then: (element: HTMLElement) => void): () => void {
  const present = document.querySelector<HTMLElement>(selector);
  if (present) {
    then(present);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const added = document.querySelector<HTMLElement>(selector);
    if (!added) return;
    observer.disconnect();
    then(added);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

function fragmentTarget(): HTMLElement | null {
  const id = decodeURIComponent(window.location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

function focusable(element: HTMLElement): HTMLElement {
  if (element.tabIndex >= 0 || element.hasAttribute('tabindex')) return element;
  return element.querySelector<HTMLElement>(':is(h1, h2, h3, h4, h5, h6)[tabindex]') ?? element;
}
