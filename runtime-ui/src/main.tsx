import { App as AntApp } from 'antd';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LocaleProvider } from './i18n/locale';
import { AppLayout } from './layout/AppLayout';
import { InboxPage } from './pages/InboxPage';
import { pageFallback, RequireSession } from './session/RequireSession';
import { SessionProvider } from './session/session';

// Everything but login and the inbox loads on demand: the form engine (@rjsf) and the charts (ECharts) are heavy.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const StartPage = lazy(() => import('./pages/StartPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const PublicPage = lazy(() => import('./pages/PublicPage'));

const fallback = pageFallback;

function Authenticated() {
  return (
    <RequireSession>
      <AppLayout>
        <Suspense fallback={fallback}>
          <Routes>
            <Route path="/" element={<Navigate to="/inbox" replace />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/tasks/:id" element={<TaskPage />} />
            <Route path="/cases" element={<CasesPage />} />
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/start" element={<StartPage />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="*" element={<Navigate to="/inbox" replace />} />
          </Routes>
        </Suspense>
      </AppLayout>
    </RequireSession>
  );
}

function Root() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={fallback}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        path="/public/*"
        element={
          <Suspense fallback={fallback}>
            <PublicPage />
          </Suspense>
        }
      />
      <Route path="/*" element={<Authenticated />} />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <Root />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </LocaleProvider>
  </StrictMode>,
);
