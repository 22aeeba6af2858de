import { renderTimeline, type TimelineEvent, type TimelineNames } from '../../../../platform/src/domain/case/case-timeline';

const MARKET = '11111111-1111-4111-8111-111111111111';
const ZHANG = '22222222-2222-4222-8222-222222222222';
const LI = '33333333-3333-4333-8333-333333333333';
const WANG = '44444444-4444-4444-8444-444444444444';
const TASK = '55555555-5555-4555-8555-555555555555';

const names: TimelineNames = {
  departments: new Map([[MARKET, '市场监管局'], ['scjg', '市场监管局']]),
  users: new Map([[ZHANG, '张三'], [LI, '李四'], [WANG, '王五']]),
  processes: new Map([['approval-push-claim', '审批信息推送认领']]),
  fields: new Map([['idNumber', '公民身份号码'], ['contactPhone', '联系方式']]),
};

let seq = 0;
function ev(action: string, payload: Record<string, unknown>, actor: { id: string | null; label: string } = { id: null, label: 'system' }, at = '2024-03-01T02:00:00Z'): TimelineEvent {
  seq += 1;
  return { seq, at: new Date(at), actorId: actor.id, actorLabel: actor.label, action, payload };
}
const zhang = { id: ZHANG, label: 'bureau-staff' };
const li = { id: LI, label: 'market-staff' };
const claimTask = { elementId: 'Task_Claim', elementType: 'userTask', elementName: '认领审批信息', legalBasis: '第二十条（一）' };

function story(): TimelineEvent[] {
  seq = 0;
  const fired = '2024-03-06T16:00:00Z';
  return [
    ev('case.started', { elementId: 'Start', elementType: 'startEvent', elementName: '收到推送', processKey: 'approval-push-claim', version: 1, statusAfter: 'active' }, zhang),
    ev('element.completed', { elementId: 'Start', elementType: 'startEvent', tokenId: 't1' }, zhang),
    ev('element.activated', { ...claimTask, tokenId: 't2' }, zhang),
    ev('task.created', { ...claimTask, taskId: TASK, statusBefore: null, statusAfter: 'open', dueAt: '2024-03-06T16:00:00.000Z', candidateDepartmentIds: [MARKET] }, zhang),
    ev('timer.armed', { elementId: 'Timer_Claim', elementType: 'boundaryEvent', elementName: '认领期限届满', ref: 'deadline-x', dueAt: '2024-03-06T16:00:00.000Z' }, zhang),
    ev('variables.set', { names: ['idNumber'] }, zhang),
    ev('task.claimed', { taskId: TASK, elementId: 'Task_Claim', statusBefore: 'open', statusAfter: 'claimed' }, li),
    ev('task.returned', { ...claimTask, taskId: TASK, statusBefore: 'claimed', statusAfter: 'returned', reason: '非本部门职责' }, li),
    ev('boundary.triggered', { elementId: 'Timer_Claim', elementType: 'boundaryEvent', elementName: '认领期限届满', tokenId: 't2', interrupting: true }, { id: null, label: 'timer' }, fired),
    ev('timer.fired', { ref: 'deadline-x' }, { id: null, label: 'timer' }, fired),
    ev('task.offline_delivered', { taskId: TASK, channel: '书面公函', documentNumber: '曲行审〔2024〕3号', deliveredOn: '2024-03-04' }, li),
    ev('pii.revealed', { fields: ['/idNumber', 'contactPhone'], reason: '电话核实' }, { id: WANG, label: 'leader' }),
    ev('case.completed', { statusBefore: 'active', statusAfter: 'completed' }),
  ];
}

describe('renderTimeline', () => {
  it('given a claim case history, when rendered as a summary, then staff read the expected zh-CN sentences', () => {
    const lines = renderTimeline(story(), names);
    expect(lines.map((l) => l.text)).toEqual([
      '张三 发起了「审批信息推送认领」',
      '推送至 市场监管局 待认领「认领审批信息」，期限 2024-03-06',
      '李四 认领了「认领审批信息」',
      '李四 退回了「认领审批信息」，理由：非本部门职责',
      '系统（定时）：「认领审批信息」认领期限届满',
      '李四 以书面公函方式线下送达（文号 曲行审〔2024〕3号，2024-03-04）',
      '王五 查看了个人信息（公民身份号码、联系方式），事由：电话核实',
      '办件已办结',
    ]);
    expect(lines.every((l) => l.important)).toBe(true);
  });

  it('given a task event without element fields, when rendered, then its name, element and article come from the rest of the history', () => {
    const claimed = renderTimeline(story(), names).find((l) => l.action === 'task.claimed')!;
    expect(claimed).toMatchObject({ actor: '李四', taskId: TASK, elementId: 'Task_Claim', legalBasis: '第二十条（一）', at: '2024-03-01T02:00:00.000Z' });
  });

  it('given full detail, when rendered, then plumbing is kept and the timer firing is told on its own', () => {
    const full = renderTimeline(story(), names, { detail: 'full' });
    expect(full).toHaveLength(story().length);
    const byAction = Object.fromEntries(full.map((l) => [l.action, l]));
    expect(byAction['timer.armed']).toMatchObject({ text: '设定「认领期限届满」，到期时间 2024-03-07 00:00', important: false });
    expect(byAction['timer.fired']).toMatchObject({ text: '系统（定时）：「认领期限届满」时间已到', elementId: 'Timer_Claim', important: true });
    expect(byAction['variables.set']!.text).toBe('更新办件信息');
    expect(byAction['element.activated']!.text).toBe('开始「认领审批信息」');
  });

  it('given a timer that fired without a boundary, when summarised, then the firing is kept', () => {
    const events = story().filter((e) => e.action !== 'boundary.triggered');
    expect(renderTimeline(events, names).map((l) => l.action)).toContain('timer.fired');
  });

  it('given the en locale, when rendered, then short English sentences are produced', () => {
    const lines = renderTimeline(story(), names, { locale: 'en' });
    expect(lines.map((l) => l.text)).toEqual([
      '张三 started "审批信息推送认领"',
      '"认领审批信息" awaits claim by 市场监管局, due 2024-03-06',
      '李四 claimed "认领审批信息"',
      '李四 returned "认领审批信息": 非本部门职责',
      'System (timer): "认领审批信息": 认领期限届满',
      '李四 delivered offline by 书面公函 (曲行审〔2024〕3号, 2024-03-04)',
      '王五 viewed personal data (公民身份号码, 联系方式), reason: 电话核实',
      'Case completed',
    ]);
  });

  it('given actors without a user name, when rendered, then labels map to 系统, 社会公众 or the label itself', () => {
    seq = 0;
    const lines = renderTimeline(
      [
        ev('attachment.uploaded', { attachmentId: 'a1', fileName: '举报材料.pdf' }, { id: null, label: 'public' }),
        ev('case.pushed', { elementName: '推送监管部门', process: 'claim', departments: ['scjg', 'wsjk', '66666666-6666-4666-8666-666666666666'], caseIds: ['c1', 'c2', 'c3'] }),
        ev('task.delegated', { taskId: TASK, fromUserId: LI, toUserId: 'unknown', toUserName: '赵六' }, { id: 'gone', label: 'market-staff' }),
      ],
      names,
    );
    expect(lines.map((l) => [l.actor, l.text])).toEqual([
      ['社会公众', '社会公众 上传了附件「举报材料.pdf」'],
      ['系统', '「推送监管部门」推送至 市场监管局、wsjk'],
      ['market-staff', 'market-staff 将「待办事项」转交给 赵六'],
    ]);
  });

  it('given an unknown action and odd payloads, when rendered, then a generic sentence is produced and nothing throws', () => {
    const odd = [
      { seq: 1, at: new Date('invalid'), actorId: null, actorLabel: 'system', action: 'custom.thing', payload: { secret: '37088119900101123X' } },
      { seq: 2, at: new Date(0), actorId: null, actorLabel: '', action: 'task.created', payload: null },
      { seq: 3, at: '2024-01-01T00:00:00Z', actorId: 7, actorLabel: 'timer', action: 'task.returned', payload: { reason: { nested: true }, dueAt: 'not a date', candidateDepartmentIds: 'x' } },
      { seq: 4, at: new Date(0), actorId: null, actorLabel: 'system', action: 'timer.armed', payload: { dueAt: 'garbage' } },
    ] as unknown as TimelineEvent[];
    const lines = renderTimeline(odd, names, { detail: 'full', timeZone: 'Not/AZone' });
    expect(lines.map((l) => l.text)).toEqual(['系统 执行了 custom.thing', '「待办事项」待认领', '系统（定时） 退回了「待办事项」', '设定「定时」']);
    expect(lines[0]).toMatchObject({ at: '', important: false, legalBasis: null });
    expect(lines[0]!.text).not.toContain('370881');
    expect(() => renderTimeline(null as unknown as TimelineEvent[], undefined as unknown as TimelineNames)).not.toThrow();
  });

  it('given summary detail, when gateway and event plumbing is present, then it is dropped but service tasks stay', () => {
    seq = 0;
    const lines = renderTimeline(
      [
        ev('element.completed', { elementId: 'Gw', elementType: 'exclusiveGateway', tokenId: 't1' }),
        ev('message.subscribed', { elementId: 'Wait', elementType: 'intermediateCatchEvent', messageName: 'reply', correlationKey: 'k' }),
        ev('element.completed', { elementId: 'Svc', elementType: 'serviceTask', elementName: '生成告知书', tokenId: 't2' }),
        ev('notification.sent', { elementName: '提醒', kind: 'notice', recipients: 3 }),
      ],
      names,
    );
    expect(lines.map((l) => l.text)).toEqual(['完成「生成告知书」', '发送通知（3 人）']);
  });

  it('given a step entered once per department, summary tells it once and full tells every entry', () => {
    seq = 0;
    const sub = { elementId: 'SubProcess_Claims', elementType: 'subProcess', elementName: '各监管部门认领' };
    const events = [ev('element.activated', { ...sub, tokenId: 't1' }), ev('element.activated', { ...sub, tokenId: 't2' }), ev('element.activated', { ...sub, tokenId: 't3' })];
    expect(renderTimeline(events, names).filter((l) => l.action === 'element.activated')).toHaveLength(1);
    expect(renderTimeline(events, names, { detail: 'full' }).filter((l) => l.action === 'element.activated')).toHaveLength(3);
  });
});
