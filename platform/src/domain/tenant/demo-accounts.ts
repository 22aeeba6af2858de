import type { Role } from '../org/membership.entity';
import type { PackManifest } from '../pack/pack-manifest';

/** An account to create with a tenant. */
export interface AccountSpec {
  login: string;
  displayName: string;
  password: string;
  isDemo: boolean;
  memberships: { departmentCode: string; role: Role }[];
  /** May create counties; only the first-start admin (see `asPlatformAdmin`). */
  platformAdmin?: boolean;
}

/** The shared password of every demo account. Demo-only: production refuses demo accounts unless explicitly allowed. */
export const DEMO_PASSWORD = 'demo-2023';

/**
 * Demo accounts derived from whatever departments a pack declares, so any
 * county's pack gets the same set without naming departments in code:
 * `admin`, a bureau `leader`, and `<dept>-staff` and `<dept>-liaison` per department.
 */
export function demoAccountsFor(pack: PackManifest): AccountSpec[] {
  const bureau = pack.departments.find((d) => d.kind === 'approval_bureau');
  if (!bureau) throw new Error(`pack ${pack.id} has no approval bureau`);
  const accounts: AccountSpec[] = [
    { login: 'admin', displayName: '系统管理员（演示）', password: DEMO_PASSWORD, isDemo: true, memberships: [{ departmentCode: bureau.code, role: 'admin' }] },
    { login: 'leader', displayName: `${bureau.name}领导（演示）`, password: DEMO_PASSWORD, isDemo: true, memberships: [{ departmentCode: bureau.code, role: 'leader' }] },
  ];
  for (const d of pack.departments) {
    accounts.push(
      { login: `${d.code}-staff`, displayName: `${d.name}工作人员（演示）`, password: DEMO_PASSWORD, isDemo: true, memberships: [{ departmentCode: d.code, role: 'staff' }] },
      {
        login: `${d.code}-liaison`,
        displayName: `${d.name}联络员（演示）`,
        password: DEMO_PASSWORD,
        isDemo: true,
        memberships: [
          { departmentCode: d.code, role: 'liaison' },
          { departmentCode: d.code, role: 'staff' },
        ],
      },
    );
  }
  return accounts;
}

/** A single administrator with an operator-chosen password, for production installs without demo accounts. */
export function initialAdminFor(pack: PackManifest, password: string): AccountSpec {
  const bureau = pack.departments.find((d) => d.kind === 'approval_bureau');
  if (!bureau) throw new Error(`pack ${pack.id} has no approval bureau`);
  return { login: 'admin', displayName: '系统管理员', password, isDemo: false, memberships: [{ departmentCode: bureau.code, role: 'admin' }] };
}

/**
 * The same accounts with their `admin` made a platform administrator. Used at
 * first start (the installation's first admin is who brings further counties
 * on board from the designer) and by the CLI's `--platform-admin`; counties
 * created later get ordinary admins, so a county's admin cannot create or
 * list other counties.
 */
export function asPlatformAdmin(accounts: AccountSpec[]): AccountSpec[] {
  return accounts.map((a) => (a.login === 'admin' ? { ...a, platformAdmin: true } : a));
}
