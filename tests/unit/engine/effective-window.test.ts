import { effectiveWindow, windowContains } from '../../../platform/src/engine/definitions/effective-version';

const none = { procedure: null, pack: null };

describe('effectiveWindow', () => {
  it('given a version window inside the pack window, then the version window applies', () => {
    expect(effectiveWindow({ from: '2024-03-01', to: '2024-12-31' }, { from: '2023-01-11', to: '2025-01-10' }, none)).toEqual({ from: '2024-03-01', to: '2024-12-31' });
  });

  it('given an open version window, then the pack window bounds it on both sides', () => {
    expect(effectiveWindow({ from: null, to: null }, { from: '2023-01-11', to: '2025-01-10' }, none)).toEqual({ from: '2023-01-11', to: '2025-01-10' });
  });

  it('given a version that outlives the pack, then the pack end (the sunset) wins', () => {
    expect(effectiveWindow({ from: '2024-06-01', to: '2026-01-01' }, { from: '2023-01-11', to: '2025-01-10' }, none)).toEqual({ from: '2024-06-01', to: '2025-01-10' });
  });

  it('given a pack-level extension, then it replaces the end, also a shorter version end', () => {
    expect(effectiveWindow({ from: null, to: '2024-12-31' }, { from: '2023-01-11', to: '2025-01-10' }, { procedure: null, pack: '2025-06-30' })).toEqual({ from: '2023-01-11', to: '2025-06-30' });
  });

  it('given both a procedure-level and a pack-level extension, then the procedure-level one wins for that procedure', () => {
    expect(effectiveWindow({ from: null, to: null }, { from: null, to: '2025-01-10' }, { procedure: '2025-03-31', pack: '2025-06-30' })).toEqual({ from: null, to: '2025-03-31' });
  });

  it('given nothing bounds a version, then it is open on both sides', () => {
    expect(effectiveWindow({ from: null, to: null }, { from: null, to: null }, none)).toEqual({ from: null, to: null });
  });
});

describe('windowContains', () => {
  it('includes both end days and nothing outside them', () => {
    const w = { from: '2023-01-11', to: '2025-01-10' };
    expect([windowContains(w, '2023-01-10'), windowContains(w, '2023-01-11'), windowContains(w, '2025-01-10'), windowContains(w, '2025-01-11')]).toEqual([false, true, true, false]);
  });

  it('treats a missing bound as open', () => {
    expect(windowContains({ from: null, to: null }, '1999-01-01')).toBe(true);
    expect(windowContains({ from: '2025-01-20', to: null }, '2025-01-19')).toBe(false);
  });
});
