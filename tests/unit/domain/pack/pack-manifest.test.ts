import path from 'node:path';
import { loadPackManifest, PackInvalidError, validatePackManifest } from '../../../../platform/src/domain/pack/pack-manifest';
import { testManifest } from '../../../helpers/test-app';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('pack manifest', () => {
  it('the shipped Qufu pack loads: one approval bureau and the required supervising departments', async () => {
    const pack = await loadPackManifest(path.join(repoRoot, 'definitions/qufu-2023'));
    expect(pack).toMatchObject({ id: 'qufu-2023', documentNumber: '曲政办发〔2023〕2号', validity: { from: '2023-01-11', to: '2025-01-10' } });
    expect(pack.departments.filter((d) => d.kind === 'approval_bureau')).toHaveLength(1);
    const names = pack.departments.map((d) => d.name).join(' ');
    for (const required of ['市场监督管理局', '卫生健康局', '交通运输局']) expect(names).toContain(required);
  });

  it('a missing folder is a PackInvalidError that names the file', async () => {
    await expect(loadPackManifest('/nonexistent/pack')).rejects.toThrow(/cannot read .*pack\.json/);
  });

  it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
    ['a missing title', (p) => delete p.title, /must have required property 'title'/],
    ['an unknown property', (p) => (p.surprise = 1), /must NOT have additional properties/],
    ['a bad department kind', (p) => ((p.departments as { kind: string }[])[1]!.kind = 'police'), /departments\/1\/kind/],
    ['a duplicated department code', (p) => (p.departments as { code: string }[]).push({ ...(p.departments as { code: string }[])[1]! }), /appears twice/],
    ['two approval bureaus', (p) => ((p.departments as { kind: string }[])[1]!.kind = 'approval_bureau'), /exactly one department/],
    ['a validity window that ends before it starts', (p) => (p.validity = { from: '2025-01-01', to: '2024-01-01' }), /is after/],
    ['an impossible date', (p) => (p.validity = { from: '2024-02-30' }), /validity\/from: must match format "date"/],
  ])('refuses %s with a message saying where', (_, spoil, message) => {
    const pack = JSON.parse(JSON.stringify(testManifest())) as Record<string, unknown>;
    spoil(pack);
    let error: unknown;
    try {
      validatePackManifest(pack, 'somewhere');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PackInvalidError);
    expect((error as Error).message).toMatch(message);
  });
});
