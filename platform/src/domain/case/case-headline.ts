import type { FieldCatalog } from './field-catalog';
import { maskPersonalData } from './mask-personal-data';

/** What identifies a case at a glance in lists: the counterparty, the document number, the (masked) identifier. */
export interface CaseHeadline {
  counterparty: string | null;
  documentNumber: string | null;
  identifier: string | null;
}

/** The first non-empty string among the variables named by `keys`. */
function firstOf(vars: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) {
    const v = vars[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

/** The headline of a case from its variables; personal data in it is masked, so lists never show it in full. */
export function caseHeadline(variables: Record<string, unknown>, catalog: FieldCatalog): CaseHeadline {
  const keys = [...catalog.counterparty, ...catalog.documentNumber, ...catalog.identifier];
  const picked: Record<string, unknown> = {};
  for (const k of keys) if (k in variables) picked[k] = variables[k];
  const shown = maskPersonalData(picked, catalog).value;
  return {
    counterparty: firstOf(shown, catalog.counterparty),
    documentNumber: firstOf(shown, catalog.documentNumber),
    identifier: firstOf(shown, catalog.identifier),
  };
}

/** The variables a headline needs, for `jsonb_build_object` selects that avoid loading whole variable documents. */
export function headlineKeys(catalog: FieldCatalog): string[] {
  return [...new Set([...catalog.counterparty, ...catalog.documentNumber, ...catalog.identifier])];
}
