import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import localizeZh from 'ajv-i18n/localize/zh';
import { registerCnFormats } from '../../../platform/src/forms/formats/register-formats';

/**
 * The browser's form validator: the same draft 2020-12 Ajv, the same Chinese
 * formats and keywords (ID number, USCC with its checksum override, phones,
 * document numbers) as the server, registered by the same function — so a
 * form the browser accepts is one the server accepts, and the server's
 * answer stays the authority. Messages in Chinese for zh-CN.
 */
export function createFormValidator(locale: 'zh-CN' | 'en') {
  return customizeValidator(
    {
      AjvClass: Ajv2020,
      ajvFormatOptions: { mode: 'full' },
      extenderFn: (ajv) => registerCnFormats(ajv),
    },
    locale === 'zh-CN' ? localizeZh : undefined,
  );
}
