import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FORM_TYPES_FILE, generateFormTypes } from '../../../platform/src/forms/generate-form-types';

const root = path.resolve(__dirname, '../../../definitions');
const packs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('generated form types', () => {
  it.each(packs)('%s: the committed types/forms.d.ts matches its schemas (run `npm run generate:types` after changing a form)', async (pack) => {
    const packDir = path.join(root, pack);
    const committed = readFileSync(path.join(packDir, FORM_TYPES_FILE), 'utf8');
    expect(committed).toBe(await generateFormTypes(packDir));
  });
});
