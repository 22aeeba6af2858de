import type { KeywordDefinition } from 'ajv';

/** What a field means to case search: the counterparty's name, a legal document number, or an ID/USCC identifier. */
export const SEARCH_ROLES = ['counterparty', 'document-number', 'identifier'] as const;
export type SearchRole = (typeof SEARCH_ROLES)[number];

/**
 * `x-search`: marks a form field as a case search key. Identifier and
 * document-number fields are found by their formats already; the
 * counterparty's name has no format, so forms name it with this annotation.
 */
export const searchKeyword: KeywordDefinition = {
  keyword: 'x-search',
  schemaType: 'string',
  metaSchema: { enum: [...SEARCH_ROLES] },
};

/**
 * `x-pii: true`: the field holds personal data (a person's name, an address)
 * and is masked in lists, details and logs unless revealed. ID numbers and
 * phone numbers are personal data by their formats and need no annotation.
 */
export const piiKeyword: KeywordDefinition = {
  keyword: 'x-pii',
  schemaType: 'boolean',
};
