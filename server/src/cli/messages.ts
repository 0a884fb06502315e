import { defineMessages } from '../core/l10n';

export const cliMessages = defineMessages(
  {
    'usage': `Usage:
  nested-virt lint [options] FILE|DIR|- ...
  nested-virt probe [options] HOST ...      (see nested-virt probe --help)
  nested-virt --version

lint options:
  --format text|json|sarif   output format (default text)
  --type domain|nova         treat every FILE (and stdin) as this type
  --release RELEASE          OpenStack release for nova.conf checks (default {0})
  --host-arch ARCH           compute host arch for nova.conf cpu_models checks (default x86_64)
  --cpu-map PATH             cpu_map: auto, bundled, a cpu_map directory or a legacy cpu_map.xml
  --lang en|zh-CN            message language (default from LC_ALL, LC_MESSAGES, LANG)
  -q, --quiet                print errors only

Directories are searched recursively: domain XML is recognised by its <domain> root
element, nova.conf by its name (nova.conf, nova-*.conf, nova.conf.d/*.conf, etc/nova/*.conf);
with --type only that type is searched for (--type nova: every *.conf).

Exit status: 0 no errors (warnings allowed), 1 at least one error,
2 bad usage, or a file that cannot be read, is not a regular file or is over 16 MB,
70 internal error in a file (the other files are still checked and printed).
A closed output pipe (e.g. | head) ends quietly with the same status.`,
    'unknown-command': 'Unknown command "{0}".',
    'unknown-option': 'Unknown option "{0}".',
    'missing-value': 'Option {0} needs a value.',
    'bad-value': 'Invalid value "{0}" for {1}. Allowed: {2}.',
    'no-files': 'No files given. Use - to read standard input.',
    'unreadable': 'Cannot read {0}: {1}',
    'not-regular': 'Cannot read {0}: it is a {1}, not a regular file; nested-virt lints regular files and standard input (-).',
    'too-large': 'Cannot read {0}: it is {1} MB, over the {2} MB limit.',
    'internal-error': '{0}: internal error: {1}',
    'unknown-type': 'Cannot tell whether {0} is domain XML or nova.conf; use --type domain|nova.',
    'not-domain': '{0}: root element is not <domain>; nothing to check.',
    'nothing-found': 'No domain XML or nova.conf files found under {0}.',
    'summary': '{0} file(s) checked: {1} error(s), {2} warning(s), {3} note(s).',
    'cpu-map-warning': 'warning: {0}',
    'severity-error': 'error',
    'severity-warning': 'warning',
    'severity-info': 'info',
    'severity-hint': 'hint',
  },
  {
    'usage': `用法：
  nested-virt lint [选项] 文件|目录|- ...
  nested-virt probe [选项] 主机 ...      （见 nested-virt probe --help）
  nested-virt --version

lint 选项：
  --format text|json|sarif   输出格式（默认 text）
  --type domain|nova         将所有文件（及标准输入）视为该类型
  --release RELEASE          nova.conf 检查所针对的 OpenStack 版本（默认 {0}）
  --host-arch ARCH           nova.conf 中 cpu_models 检查所用的计算节点架构（默认 x86_64）
  --cpu-map PATH             cpu_map：auto、bundled、cpu_map 目录或旧版 cpu_map.xml
  --lang en|zh-CN            消息语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  -q, --quiet                只输出错误

目录会被递归搜索：根元素为 <domain> 的文件视为域 XML，
按文件名识别 nova.conf（nova.conf、nova-*.conf、nova.conf.d/*.conf、etc/nova/*.conf）；
指定 --type 时只搜索该类型的文件（--type nova：所有 *.conf）。

退出码：0 无错误（可有警告），1 至少一个错误，
2 用法错误，或文件无法读取、不是普通文件或超过 16 MB，
70 某个文件出现内部错误（其他文件仍会检查并输出）。
输出管道被关闭（如 | head）时静默结束，退出码不变。`,
    'unknown-command': '未知命令 "{0}"。',
    'unknown-option': '未知选项 "{0}"。',
    'missing-value': '选项 {0} 需要一个值。',
    'bad-value': '{1} 的值 "{0}" 无效。允许的值：{2}。',
    'no-files': '未指定文件。使用 - 读取标准输入。',
    'unreadable': '无法读取 {0}：{1}',
    'not-regular': '无法读取 {0}：它是 {1}，不是普通文件；nested-virt 只检查普通文件和标准输入（-）。',
    'too-large': '无法读取 {0}：大小为 {1} MB，超过 {2} MB 的上限。',
    'internal-error': '{0}：内部错误：{1}',
    'unknown-type': '无法判断 {0} 是域 XML 还是 nova.conf；请使用 --type domain|nova。',
    'not-domain': '{0}：根元素不是 <domain>，无需检查。',
    'nothing-found': '在 {0} 下没有找到域 XML 或 nova.conf 文件。',
    'summary': '共检查 {0} 个文件：{1} 个错误，{2} 个警告，{3} 个提示。',
    'cpu-map-warning': '警告：{0}',
    'severity-error': '错误',
    'severity-warning': '警告',
    'severity-info': '提示',
    'severity-hint': '建议',
  },
);
