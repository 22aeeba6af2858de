import { demoAccountsFor, initialAdminFor } from '../../../../platform/src/domain/tenant/demo-accounts';
import { testManifest } from '../../../helpers/test-app';

describe('demo accounts', () => {
  it('derive from the pack: an admin and a leader in the bureau, and a staff member and a liaison per department', () => {
    const accounts = demoAccountsFor(testManifest());
    expect(accounts.map((a) => a.login)).toEqual(['admin', 'leader', 'bureau-staff', 'bureau-liaison', 'market-staff', 'market-liaison', 'health-staff', 'health-liaison']);
    expect(accounts.every((a) => a.isDemo)).toBe(true);
    expect(accounts.find((a) => a.login === 'admin')!.memberships).toEqual([{ departmentCode: 'bureau', role: 'admin' }]);
    expect(accounts.find((a) => a.login === 'market-liaison')!.memberships.map((m) => m.role).sort()).toEqual(['liaison', 'staff']);
  });

  it('the production initial admin is not a demo account and uses the given password', () => {
    expect(initialAdminFor(testManifest(), 'correct horse battery')).toMatchObject({ login: 'admin', isDemo: false, password: 'correct horse battery' });
  });
});
