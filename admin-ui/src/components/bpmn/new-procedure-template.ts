/**
 * The first draft of a new procedure: one executable process whose id is the
 * procedure key (the server requires that), a none start event, the cm
 * namespace declared, and diagram layout so the modeler can show it. Kept
 * free of bpmn-js so the procedure list does not load the modeler.
 */
export function newProcedureXml(key: string, name: string, startName: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:cm="http://shenguan.platform/schema/bpmn/cm/1.0"
                  id="Definitions_${key.replace(/[^A-Za-z0-9_]/g, '_')}"
                  targetNamespace="urn:procedure:${xmlText(key)}">
  <bpmn:process id="${xmlText(key)}" name="${xmlText(name)}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="${xmlText(startName)}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${xmlText(key)}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** Escapes text for an XML attribute value. */
function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
