import fc from 'fast-check';
import {
  checkLegalDocNumber,
  createLegalDocNumberValidator,
  isValidLegalDocNumber,
  LEGAL_DOC_NUMBER_MAX_LENGTH,
  wholeValuePattern,
} from '../../../platform/src/forms/formats/legal-doc-number';

describe('legal-doc-number with the default rule', () => {
  test.each([
    '曲行审〔2024〕15号',
    '鲁（2023）曲阜市不动产权第0001234号',
    'JY13708810012345',
    '曲市监罚〔2023〕第12号',
    '(2023)鲁0881行初12号',
    '鲁卫公证字[2023]第088号',
    '曲政办发〔2023〕2号',
    '曲审批许〔2024〕15-2号',
    'No.2023/015',
    '济南市 2024 第 15 号',
  ])('given the typical document number %s, then it is accepted', (n) => {
    expect(checkLegalDocNumber(n)).toEqual({ ok: true });
  });

  test.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['\u3000', 'blank'],
    [' 曲行审〔2024〕15号', 'whitespace'],
    ['曲行审〔2024〕15号\n', 'whitespace'],
    ['曲行审〔2024〕  15号', 'whitespace'],
    [`JY${'1'.repeat(LEGAL_DOC_NUMBER_MAX_LENGTH - 1)}`, 'tooLong'],
    ['曲行审〔２０２４〕１５号', 'charset'],
    ['曲行审〔2024〕15号；', 'charset'],
    ['<script>1</script>', 'charset'],
    ['曲行审\t15号', 'charset'],
    ['曲行审〔二〇二四〕十五号', 'noDigit'],
    ['决定书', 'noDigit'],
  ])('given %j, then it is refused with reason %s', (n, reason) => {
    expect(checkLegalDocNumber(n)).toEqual({ ok: false, reason });
  });

  test('given exactly the maximum length in Han characters, then it is accepted; one more, then it is too long', () => {
    const atMax = `${'曲'.repeat(LEGAL_DOC_NUMBER_MAX_LENGTH - 1)}1`;
    expect(isValidLegalDocNumber(atMax)).toBe(true);
    expect(checkLegalDocNumber(`曲${atMax}`)).toEqual({ ok: false, reason: 'tooLong' });
  });

  test('given a Han character outside the BMP, then it counts as one character, not two', () => {
    const rare = '𠀀'; // U+20000, a surrogate pair in UTF-16
    const value = `${rare.repeat(LEGAL_DOC_NUMBER_MAX_LENGTH - 1)}1`;
    expect(value.length).toBeGreaterThan(LEGAL_DOC_NUMBER_MAX_LENGTH);
    expect(isValidLegalDocNumber(value)).toBe(true);
  });

  test('given any whitespace-only string, then it is blank', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0'), { maxLength: 20 }), (chars) => {
        expect(checkLegalDocNumber(chars.join(''))).toEqual({ ok: false, reason: 'blank' });
      }),
    );
  });
});

describe('legal-doc-number with a jurisdiction-wide pattern', () => {
  test('given a food-licence pattern, then only whole matches pass and the baseline still applies', () => {
    const pattern = /JY\d{14}/;
    expect(checkLegalDocNumber('JY13708810012345', pattern)).toEqual({ ok: true });
    expect(checkLegalDocNumber('xJY13708810012345', pattern)).toEqual({ ok: false, reason: 'pattern' });
    expect(checkLegalDocNumber('曲行审〔2024〕15号', pattern)).toEqual({ ok: false, reason: 'pattern' });
    expect(checkLegalDocNumber(' JY13708810012345', pattern)).toEqual({ ok: false, reason: 'whitespace' });
    expect(checkLegalDocNumber('', /.*/)).toEqual({ ok: false, reason: 'blank' });
  });

  test('given a pattern with g and y flags, then repeated validation of one value gives one answer', () => {
    const validate = createLegalDocNumberValidator(/JY\d{14}/gy);
    expect([validate('JY13708810012345'), validate('JY13708810012345'), validate('JY13708810012345')]).toEqual([true, true, true]);
  });

  test('given an alternation and the m flag, then wholeValuePattern still requires the whole value', () => {
    const whole = wholeValuePattern(/a|ab\d/im);
    expect(whole.flags).toBe('i');
    expect(whole.test('AB1')).toBe(true);
    expect(whole.test('a\nb')).toBe(false);
  });
});
