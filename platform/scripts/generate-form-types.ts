import { readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FORM_TYPES_FILE, generateFormTypes } from '../src/forms/generate-form-types';

/** `npm run generate:types`: regenerate types/forms.d.ts of every pack under definitions/. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../definitions');
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const packDir = path.join(root, entry.name);
    const out = path.join(packDir, FORM_TYPES_FILE);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, await generateFormTypes(packDir));
    process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
