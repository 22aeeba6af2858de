import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select } from 'antd';
import { useOrgText } from '../../i18n/org-messages';
import { ROLES, type Department, type Membership } from './org-api';

/**
 * The department/role pairs of a user, as a Form.List named "memberships".
 * A user may hold several roles in one department (a liaison is also
 * staff) and roles in several departments.
 */
export function MembershipsField({ departments, roleLabel }: { departments: Department[]; roleLabel(role: string): string }) {
  const t = useOrgText();
  return (
    <Form.List
      name="memberships"
      rules={[
        {
          validator: async (_, value: Partial<Membership>[] | undefined) => {
            const seen = new Set<string>();
            for (const m of value ?? []) {
              const k = `${m?.departmentId}/${m?.role}`;
              if (m?.departmentId && m.role && seen.has(k)) throw new Error(t('org.user.duplicateMembership'));
              seen.add(k);
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid="org-memberships">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start" data-testid="org-membership-row">
              <Form.Item name={[field.name, 'departmentId']} rules={[{ required: true, message: t('org.user.departmentRequired') }]} style={{ flex: 2, marginBottom: 0 }}>
                <Select
                  placeholder={t('org.user.department')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={departments.map((d) => ({ value: d.id, label: d.name }))}
                  aria-label={t('org.user.department')}
                  data-testid="org-membership-department"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('org.user.roleRequired') }]} style={{ flex: 1, marginBottom: 0 }}>
                <Select placeholder={t('org.user.role')} options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} aria-label={t('org.user.role')} data-testid="org-membership-role" />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('org.user.removeMembership')} data-testid="org-membership-remove" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'staff' })} data-testid="org-membership-add">
            {t('org.user.addMembership')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
