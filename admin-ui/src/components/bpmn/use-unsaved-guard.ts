import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useHref, useNavigate } from 'react-router-dom';
import { useProcedureText } from '../../i18n/procedure-messages';

/**
 * Asks before unsaved diagram edits are lost: the browser's own prompt when
 * the tab is closed or reloaded, and a confirmation when a link of the app
 * (the menu, breadcrumbs) is clicked. The app uses <BrowserRouter>, where
 * react-router's useBlocker is unavailable, so links are intercepted in the
 * capture phase, before react-router handles them. Browser back/forward
 * buttons are not intercepted.
 */
export function useUnsavedGuard(dirty: boolean): void {
  const t = useProcedureText();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const basename = useHref('/').replace(/\/$/, '');
  const live = useRef({ dirty, t, modal, navigate, basename });
  live.current = { dirty, t, modal, navigate, basename };

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!live.current.dirty) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      const { dirty: isDirty, t: text, modal: dialogs, navigate: go, basename: base } = live.current;
      if (!isDirty || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      event.preventDefault();
      event.stopPropagation();
      dialogs.confirm({
        title: text('procedure.leave.title'),
        content: text('procedure.leave.content'),
        okText: text('procedure.leave.ok'),
        cancelText: text('procedure.leave.cancel'),
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
        onOk: () => {
          live.current.dirty = false;
          const inApp = base !== '' && (url.pathname === base || url.pathname.startsWith(`${base}/`));
          if (inApp) go(url.pathname.slice(base.length) + url.search + url.hash);
          else window.location.assign(url.href);
        },
      });
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, []);
}
