/**
 * Texts around explanations (CLI text output, LSP, probe). The explanations themselves
 * are in the signature data; `signatureCatalog()` exposes them as a catalog so the l10n
 * test checks them like every other message.
 */
import { defineMessages, type Catalog } from '../../core/l10n';
import { SIGNATURES } from './signatures';

export const explainMessages = defineMessages(
  {
    'heading': '{0}. {1} ({2})',
    'evidence': 'line {0}: {1}',
    'cause': 'Cause: {0}',
    'fix': 'Fix: {0}',
    'checks': 'Checks:',
    'seen': 'Seen {0} times.',
    'host': 'The cause was chosen from the facts of host {0}.',
    'none': 'No known nested-virtualization error found in the input.',
    'empty': 'Nothing to explain: give the message as an argument, a file, or - for standard input.',
    'bad-facts': 'Cannot use {0} as host facts: {1}',
    'usage': `Usage:
  nested-virt explain [options] TEXT | FILE | -

Explains error messages from the kernel, modprobe, QEMU, libvirt, virt-install,
nova, KubeVirt and minikube about KVM and nested virtualization: the cause, the
checks that confirm it, and the fix. Reads a pasted message, a file (a terminal
session, a journal excerpt, a nova-compute log) or standard input (-).

Options:
  --format text|json   output format (default text)
  --facts FILE         host facts (nested-virt probe --json output) to choose the cause
  --lang en|zh-CN      message language (default from LC_ALL, LC_MESSAGES, LANG)
  -h, --help           this help

Exit status: 0 something was explained, 1 nothing matched, 2 bad usage.`,
  },
  {
    'heading': '{0}. {1}（{2}）',
    'evidence': '第 {0} 行：{1}',
    'cause': '原因：{0}',
    'fix': '修复：{0}',
    'checks': '检查：',
    'seen': '共出现 {0} 次。',
    'host': '原因是根据宿主机 {0} 的探测结果判断的。',
    'none': '输入中没有发现已知的嵌套虚拟化错误。',
    'empty': '没有可解释的内容：请以参数、文件或 -（标准输入）给出消息。',
    'bad-facts': '无法把 {0} 用作宿主机信息：{1}',
    'usage': `用法：
  nested-virt explain [选项] 文本 | 文件 | -

解释内核、modprobe、QEMU、libvirt、virt-install、nova、KubeVirt 和 minikube
关于 KVM 与嵌套虚拟化的错误消息：给出原因、确认原因的检查方法和修复办法。
可读取粘贴的消息、文件（终端记录、journal 摘录、nova-compute 日志）或标准输入（-）。

选项：
  --format text|json   输出格式（默认 text）
  --facts FILE         用于判断原因的宿主机信息（nested-virt probe --json 的输出）
  --lang en|zh-CN      消息语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 有内容被解释，1 没有匹配，2 用法错误。`,
  },
);

/** Every signature text as a catalog entry: `ID.explanation`, `ID.fix`, `ID.checkN`, `ID.refine.WHEN`. */
export function signatureCatalog(): Catalog<string> {
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  for (const s of SIGNATURES) {
    const put = (key: string, l: { en: string; zh: string }): void => {
      en[`${s.id}.${key}`] = l.en;
      zh[`${s.id}.${key}`] = l.zh;
    };
    put('explanation', s.explanation);
    put('fix', s.fix);
    s.checks.forEach((c, i) => put(`check${i}`, c));
    for (const r of s.refine ?? []) put(`refine.${r.when}`, r.explanation);
  }
  return defineMessages(en, zh);
}
