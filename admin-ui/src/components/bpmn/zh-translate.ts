import type { CmPanelContext } from './cm-model';

/**
 * bpmn-js's translate service in Chinese for the parts admins use most
 * (palette, context pad, the standard properties groups, the lint button).
 * Untranslated strings stay English. The language is read on each call, so
 * the properties panel follows a language switch.
 */
const ZH: Record<string, string> = {
  'Activate hand tool': '抓手工具',
  'Activate lasso tool': '框选工具',
  'Activate create/remove space tool': '插入/删除空白',
  'Activate global connect tool': '连线工具',
  'Create start event': '开始事件',
  'Create intermediate/boundary event': '中间/边界事件',
  'Create end event': '结束事件',
  'Create gateway': '网关',
  'Create task': '任务',
  'Create data object reference': '数据对象',
  'Create data store reference': '数据存储',
  'Create expanded sub-process': '子流程',
  'Create pool/participant': '泳池/参与者',
  'Create group': '分组',
  'Append end event': '追加结束事件',
  'Append gateway': '追加网关',
  'Append task': '追加任务',
  'Append intermediate/boundary event': '追加中间事件',
  'Append text annotation': '追加注释',
  'Add text annotation': '添加注释',
  'Change element': '更改类型',
  Delete: '删除',
  'Connect to other element': '连接到其他元素',
  'Connect using association': '用关联连接',
  'Toggle linting overlays': '显示/隐藏检查结果',
  'No Issues': '检查通过',
  '{errors} Errors, {warnings} Warnings': '{errors} 个错误，{warnings} 个警告',
  'Issues for child elements': '子元素的问题',
  'Toggle section': '展开/收起',
  General: '基本',
  Name: '名称',
  ID: '标识',
  Documentation: '说明',
  'Element documentation': '元素说明',
  'Process documentation': '流程说明',
  'Multi-instance': '多实例',
  'Loop cardinality': '循环次数',
  'Completion condition': '完成条件',
  Message: '消息',
  'Global message reference': '消息引用',
  Timer: '定时',
  Type: '类型',
  Value: '值',
  Date: '日期',
  Duration: '时长',
  Cycle: '周期',
  Error: '错误',
  'Global error reference': '错误引用',
  Code: '代码',
  Escalation: '升级',
  'Global escalation reference': '升级引用',
  '<none>': '（无）',
  '<empty>': '（空）',
  'Create new ...': '新建…',
  Executable: '可执行',
  'Process ID': '流程标识',
  'Process name': '流程名称',
  Inputs: '输入',
  Outputs: '输出',
  'Sequence flow': '顺序流',
  'Default flow': '默认流',
  'Conditional flow': '条件流',
  'Sub-process': '子流程',
  'Parallel multi-instance': '并行多实例',
  'Sequential multi-instance': '串行多实例',
  'Toggle non-interrupting': '切换非中断',
  'Search in diagram': '在图中搜索',
};

function fill(template: string, replacements?: Record<string, string>): string {
  return replacements ? template.replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`) : template;
}

function translateFactory(ctx: CmPanelContext) {
  return (template: string, replacements?: Record<string, string>) => fill(ctx.locale() === 'en' ? template : (ZH[template] ?? template), replacements);
}
translateFactory.$inject = ['config.cm'];

/** Overrides diagram-js's "translate" service. */
export const zhTranslateModule = { translate: ['factory', translateFactory] };
