import { App as AntApp } from 'antd';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LocaleProvider } from '../../runtime-ui/src/i18n/locale';
import { pageFallback, RequireSession } from '../../runtime-ui/src/session/RequireSession';
import { SessionProvider } from '../../runtime-ui/src/session/session';
import { AdminLayout } from './components/AdminLayout';

// Every page is lazy: the modeler (bpmn-js) and the code editor (CodeMirror) are heavy and only some pages need them.
const LoginPage = lazy(() => import('../../runtime-ui/src/pages/LoginPage'));
const ProceduresPage = lazy(() => import('./pages/ProceduresPage'));
const ProcedurePage = lazy(() => import('./pages/ProcedurePage'));
const MigrationPage = lazy(() => import('./components/migration/MigrationPage'));
const FormsPage = lazy(() => import('./pages/FormsPage'));
const FormPage = lazy(() => import('./pages/FormPage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const OrgPage = lazy(() => import('./pages/OrgPage'));
const PackPage = lazy(() => import('./pages/PackPage'));
const CountiesPage = lazy(() => import('./pages/CountiesPage'));

const fallback = pageFallback;

function Authenticated() {
  return (
    <RequireSession>
      <AdminLayout>
        <Suspense fallback={fallback}>
          <Routes>
            <Route path="/procedures" element={<ProceduresPage />} />
            <Route path="/procedures/:key" element={<ProcedurePage />} />
            <Route path="/procedures/:key/migrations" element={<MigrationPage />} />
            <Route path="/forms" element={<FormsPage />} />
            <Route path="/forms/:key" element={<FormPage />} />
            <Route path="/calendar" element={<CalendarPage />} />
            <Route path="/org" element={<OrgPage />} />
            <Route path="/pack" element={<PackPage />} />
            <Route path="/counties" element={<CountiesPage />} />
            <Route path="*" element={<Navigate to="/procedures" replace />} />
          </Routes>
        </Suspense>
      </AdminLayout>
    </RequireSession>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <AntApp>
        <BrowserRouter basename="/admin">
          <SessionProvider>
            <Routes>
              <Route
                path="/login"
                element={
                  <Suspense fallback={fallback}>
                    <LoginPage />
                  </Suspense>
                }
              />
              <Route path="/*" element={<Authenticated />} />
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </LocaleProvider>
  </StrictMode>,
);
