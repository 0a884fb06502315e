/** User-facing text about nova.conf stacks (overlays, nova.conf.d, --config-file), English and Simplified Chinese. */
import { defineMessages, translator, type Locale, type Translate } from '../../core/l10n';

const en = {
  'stack.involves': 'Also involved: {0}.',
  'stack.overridden': '`{0}` is overridden by {1} (`{2}`): nova-compute reads that value, not this one.',
  'stack.overriddenEqual': '`{0}` is set again to the same value in {1}; this line has no effect.',
  'stack.hoverTitle': 'Effective in the stack `{0}`',
  'stack.hoverValue': 'nova-compute reads `{0}`, set by {1}.',
  'stack.hoverMulti': 'nova-compute reads every value, oldest file first: {0}.',
  'stack.hoverUnresolved': 'nova-compute reads `{0}` from {1}; a `$name` in it could not be resolved from the stack.',
  'stack.hoverOverrides': 'Overrides: {0}.',
  'stack.hoverOverriddenBy': 'This line is overridden by {0}.',
  'stack.hoverElsewhere': 'In `{0}`: `{1}`, set by {2}.',
  'stack.hoverMore': '…and {0} more stacks.',
  'stack.fixAddModels': 'Add `cpu_models = {0}` to {1}',
  'stack.fixPassthrough': 'Use `cpu_mode = host-passthrough` in {0}',
  'stack.explainHeader': '{0} in the stack `{1}`:',
  'stack.explainEntry': '  {0}. {1}: {2} = {3}',
  'stack.explainWins': '(read by nova-compute)',
  'stack.explainOverridden': '(overridden)',
  'stack.explainAccumulates': '(accumulates)',
  'stack.explainUnset': '{0} is not set in the stack `{1}`; nova-compute uses its default{2}.',
  'stack.explainEffective': '  effective value: {0}',
  'stack.probeSource': 'nova-compute reads {0} file(s), {1}: {2}.',
  'stack.sourceKolla': 'the kolla-ansible merged config',
  'stack.sourceCmdline': 'from its command line',
  'stack.sourceDefaults': "oslo.config's default locations",
  'stack.probeSetting': '{0} = {1} ← {2}',
  'stack.probeUnreadable': '{0} is in the stack but cannot be read: the settings may be incomplete.',
} as const;

export type StackMessageKey = keyof typeof en;

const zhCn: Record<StackMessageKey, string> = {
  'stack.involves': '另见：{0}。',
  'stack.overridden': '`{0}` 被 {1}（`{2}`）覆盖：nova-compute 读取那个值，而不是这一个。',
  'stack.overriddenEqual': '`{0}` 在 {1} 中又被设为同一个值；这一行不起作用。',
  'stack.hoverTitle': '在配置栈 `{0}` 中的生效值',
  'stack.hoverValue': 'nova-compute 读取 `{0}`，由 {1} 设置。',
  'stack.hoverMulti': 'nova-compute 读取全部值，较早的文件在前：{0}。',
  'stack.hoverUnresolved': 'nova-compute 从 {1} 读取 `{0}`；其中的 `$name` 无法在配置栈中解析。',
  'stack.hoverOverrides': '覆盖了：{0}。',
  'stack.hoverOverriddenBy': '这一行被 {0} 覆盖。',
  'stack.hoverElsewhere': '在 `{0}` 中：`{1}`，由 {2} 设置。',
  'stack.hoverMore': '……以及另外 {0} 个配置栈。',
  'stack.fixAddModels': '在 {1} 中添加 `cpu_models = {0}`',
  'stack.fixPassthrough': '在 {0} 中使用 `cpu_mode = host-passthrough`',
  'stack.explainHeader': '{0} 在配置栈 `{1}` 中：',
  'stack.explainEntry': '  {0}. {1}：{2} = {3}',
  'stack.explainWins': '（nova-compute 读取此值）',
  'stack.explainOverridden': '（已被覆盖）',
  'stack.explainAccumulates': '（累加）',
  'stack.explainUnset': '{0} 在配置栈 `{1}` 中未设置；nova-compute 使用默认值{2}。',
  'stack.explainEffective': '  生效值：{0}',
  'stack.probeSource': 'nova-compute 读取 {0} 个文件，{1}：{2}。',
  'stack.sourceKolla': 'kolla-ansible 合并后的配置',
  'stack.sourceCmdline': '来自其命令行',
  'stack.sourceDefaults': 'oslo.config 的默认位置',
  'stack.probeSetting': '{0} = {1} ← {2}',
  'stack.probeUnreadable': '{0} 属于配置栈但无法读取：设置可能不完整。',
};

export const stackMessages = defineMessages<StackMessageKey>(en, zhCn);

export function stackT(locale: Locale): Translate<StackMessageKey> {
  return translator(stackMessages, locale);
}
