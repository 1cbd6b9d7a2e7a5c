import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';

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
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const shown = useRef(false);
  useEffect(() => {
    // Redirects before the first page is shown (/ to the start page, to sign-in) are its load.
    const firstLoad = !shown.current;
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
  }, [pathname]);
  return <Outlet />;
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
