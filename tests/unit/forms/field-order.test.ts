import { withFieldOrder } from '../../../platform/src/forms/field-order';

describe('withFieldOrder (forms keep the field order their author wrote, though jsonb sorts keys)', () => {
  const schema = {
    type: 'object',
    properties: {
      itemName: { type: 'string' },
      id: { type: 'string' },
      party: { type: 'object', properties: { zName: { type: 'string' }, aPhone: { type: 'string' } } },
      items: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, at: { type: 'string' } } } },
    },
  };

  it('given no UI schema, records the order of every object, nested ones and array items included', () => {
    expect(withFieldOrder(schema, null)).toEqual({
      'ui:order': ['itemName', 'id', 'party', 'items'],
      party: { 'ui:order': ['zName', 'aPhone'] },
      items: { items: { 'ui:order': ['title', 'at'] } },
    });
  });

  it("keeps an order the author set and every other UI option", () => {
    const ui = { 'ui:order': ['id', '*'], itemName: { 'ui:autofocus': true } };
    expect(withFieldOrder(schema, ui)).toMatchObject({ 'ui:order': ['id', '*'], itemName: { 'ui:autofocus': true }, party: { 'ui:order': ['zName', 'aPhone'] } });
  });

  it('leaves a single-field form without a UI schema alone', () => {
    expect(withFieldOrder({ type: 'object', properties: { only: { type: 'string' } } }, null)).toBeNull();
  });
});
