import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './session';

/** The spinner shown while a page or the session loads. */
export const pageFallback = <Spin style={{ display: 'block', margin: '80px auto' }} />;

/**
 * Renders its children for a logged-in user; sends anyone else to /login,
 * remembering where they were going. Shared by the staff UI and the designer.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return pageFallback;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
