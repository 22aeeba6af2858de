import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, sessionExpired, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

interface SessionValue {
  /** The logged-in user, null when logged out, undefined while loading. */
  me: Me | null | undefined;
  login(tenant: string, login: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** Who is logged in: read from GET /api/me on load, set by login, cleared on logout or any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    // GET /api/session answers 200 logged in or not, so loading the app never logs a failed request.
    api.get<{ authenticated: boolean; me?: Me }>('/api/session').then(
      (s) => {
        setCsrfToken(s.me?.csrfToken);
        setMe(s.me ?? null);
      },
      () => setMe(null),
    );
    const onExpired = () => setMe(null);
    sessionExpired.addEventListener('expired', onExpired);
    return () => sessionExpired.removeEventListener('expired', onExpired);
  }, []);
  const login = useCallback(async (tenant: string, loginName: string, password: string) => {
    const res = await api.post<{ csrfToken: string }>('/api/session', { tenant, login: loginName, password });
    setCsrfToken(res.csrfToken);
    setMe(await api.get<Me>('/api/me'));
  }, []);
  const logout = useCallback(async () => {
    await api.del('/api/session').catch(() => undefined);
    setCsrfToken(undefined);
    setMe(null);
  }, []);
  const value = useMemo(() => ({ me, login, logout }), [me, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
