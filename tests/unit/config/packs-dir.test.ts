import path from 'node:path';
import { loadConfig } from '../../../platform/src/config/config';

describe('PACKS_DIR (the packs a platform admin may create counties from)', () => {
  it('given nothing set, is the definitions folder next to the working directory', () => {
    expect(loadConfig({}, '/srv/app').packsDir).toBe(path.resolve('/srv/app', 'definitions'));
  });

  it('given a relative folder, resolves it against the working directory, like PACK_DIR', () => {
    expect(loadConfig({ PACKS_DIR: 'county-packs' }, '/srv/app').packsDir).toBe(path.resolve('/srv/app', 'county-packs'));
  });

  it('given an absolute folder, keeps it', () => {
    expect(loadConfig({ PACKS_DIR: '/opt/packs' }, '/srv/app').packsDir).toBe(path.resolve('/opt/packs'));
  });

  it('given an empty value, falls back to the default rather than the working directory itself', () => {
    expect(loadConfig({ PACKS_DIR: '' }, '/srv/app').packsDir).toBe(path.resolve('/srv/app', 'definitions'));
  });
});
