import { createModdle } from '../../../../platform/src/engine/parse/create-moddle';
import { DEFAULT_MAX_BPMN_BYTES, DefinitionParseError, parseBpmn } from '../../../../platform/src/engine/parse/parse-bpmn';
import { bpmnXml, fixtureXml } from './bpmn-test-files';

async function parseRefusal(xml: string, maxBytes?: number): Promise<DefinitionParseError> {
  try {
    await parseBpmn(xml, maxBytes === undefined ? {} : { maxBytes });
  } catch (err) {
    if (err instanceof DefinitionParseError) return err;
    throw err;
  }
  throw new Error('expected a DefinitionParseError, but the document parsed');
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" name="&lol3;" /></bpmn:definitions>`;

describe('parseBpmn refuses unsafe or foreign input', () => {
  test('given a billion-laughs DOCTYPE, when parsed, then it is refused as doctype before reading', async () => {
    const error = await parseRefusal(BILLION_LAUGHS);
    expect(error.reason).toBe('doctype');
    expect(error.message).toMatch(/DOCTYPE declaration, which is not allowed/);
    expect(error.status).toBe(422);
  });

  test('given an external-entity DOCTYPE in lower case, when parsed, then it is refused as doctype', async () => {
    const xxe = '<?xml version="1.0"?><!doctype d [<!entity x SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</bpmn:definitions>';
    expect((await parseRefusal(xxe)).reason).toBe('doctype');
  });

  test('given an ENTITY declaration without a DOCTYPE, when parsed, then it is refused as entity', async () => {
    const xml = bpmnXml('<bpmn:startEvent id="s" />').replace('<bpmn:process', '<!ENTITY x "y"><bpmn:process');
    const error = await parseRefusal(xml);
    expect(error.reason).toBe('entity');
    expect(error.message).toMatch(/ENTITY declaration/);
  });

  test('given a document over the configured limit counted in UTF-8 bytes, when parsed, then it is refused as too large', async () => {
    const xml = bpmnXml(`<bpmn:startEvent id="s" name="${'审'.repeat(400)}" />`);
    const limit = xml.length + 100;
    const error = await parseRefusal(xml, limit);
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe(`The BPMN file is ${Buffer.byteLength(xml)} bytes; the limit is ${limit} bytes.`);
  });

  test('given a document just over the default 2 MB, when parsed, then it is refused; at the limit the size check passes', async () => {
    const base = bpmnXml('<bpmn:startEvent id="s" />');
    const padding = (n: number) => base.replace('<bpmn:process', `<!--${'x'.repeat(n)}--><bpmn:process`);
    const overhead = Buffer.byteLength(padding(0));
    expect((await parseRefusal(padding(DEFAULT_MAX_BPMN_BYTES - overhead + 1))).reason).toBe('too-large');
    await expect(parseBpmn(padding(DEFAULT_MAX_BPMN_BYTES - overhead))).resolves.toMatchObject({ warnings: [] });
  });

  test.each([
    ['an HTML page', '<html><body>hi</body></html>', /found <html>/],
    ['a DMN file', '<?xml version="1.0"?><!-- decision --><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" />', /found <definitions>/],
    ['a bare BPMN process', '<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p" />', /found <bpmn:process>/],
  ])('given %s, when parsed, then it is refused as not BPMN, naming the root found', async (_what, xml, found) => {
    const error = await parseRefusal(xml);
    expect(error.reason).toBe('not-bpmn');
    expect(error.message).toMatch(/^Not a BPMN 2.0 file: the root element must be <definitions> in namespace http:\/\/www.omg.org\/spec\/BPMN\/20100524\/MODEL/);
    expect(error.message).toMatch(found);
  });

  test.each([
    ['an unclosed tag', bpmnXml('<bpmn:startEvent id="s"').replace('</bpmn:process>', '')],
    ['text that is not XML', 'this is not xml'],
    ['an empty file', ''],
  ])('given %s, when parsed, then it is refused as malformed with the reader message on one line', async (_what, xml) => {
    const error = await parseRefusal(xml);
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/^The BPMN file is not well-formed XML: /);
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('parseBpmn reads BPMN with the cm extension', () => {
  test('given a fixture, when parsed, then the root is bpmn:Definitions with cm attributes read as typed properties', async () => {
    const { definitions, warnings } = await parseBpmn(fixtureXml('approval-push.bpmn'));
    expect(warnings).toEqual([]);
    expect(definitions.$type).toBe('bpmn:Definitions');
    const process = (definitions.rootElements as Array<{ flowElements: Array<Record<string, unknown>> }>)[0];
    const claim = process?.flowElements.find((e) => e.id === 'Task_Claim');
    expect(claim).toMatchObject({ formKey: 'approval-claim', formVersion: 1, warnYellow: 0.5, deadline: '3WD' });
  });

  test('given unknown cm attributes, unknown elements, duplicate ids and dangling references, when parsed, then each is one warning line', async () => {
    const xml = bpmnXml(
      '<bpmn:startEvent id="s" cm:formKy="typo" /><bpmn:fancyTask id="f" /><bpmn:endEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Nowhere" />',
    );
    const { warnings, unresolvedReferences } = await parseBpmn(xml);
    expect(warnings).toEqual([
      'unknown attribute <cm:formKy>',
      expect.stringMatching(/^unparsable content <bpmn:fancyTask> detected; line: 7; column: \d+; nested error: unknown type <bpmn:FancyTask>$/),
      expect.stringMatching(/^unparsable content <bpmn:endEvent> detected; line: 7; column: \d+; nested error: duplicate ID <s>$/),
      'unresolved reference <Nowhere>',
    ]);
    expect(unresolvedReferences).toEqual([{ elementId: 'f1', property: 'targetRef', reference: 'Nowhere' }]);
  });

  test('given a byte-order mark, when parsed, then the document reads normally', async () => {
    const { definitions } = await parseBpmn(`\uFEFF${fixtureXml('sub-process.bpmn')}`);
    expect(definitions.id).toBe('Definitions_SiteInspection');
  });

  test('given a moddle passed in, when parsing twice, then both documents are read by it', async () => {
    const moddle = createModdle();
    const first = await parseBpmn(fixtureXml('messages.bpmn'), { moddle });
    const second = await parseBpmn(fixtureXml('timer-start.bpmn'), { moddle });
    expect([first.definitions.id, second.definitions.id]).toEqual(['Definitions_Inquiry', 'Definitions_MonthlyCircular']);
  });
});
