import { defineMessages } from '../core/l10n';

export const cliMessages = defineMessages(
  {
    'usage': `Usage:
  nested-virt lint [options] FILE|DIR|- ...
  nested-virt probe [options] HOST ...      (see nested-virt probe --help)
  nested-virt explain [options] TEXT|FILE|- (see nested-virt explain --help)
  nested-virt --version

lint options:
  --format text|json|sarif   output format (default text)
  --type domain|nova|modprobe|cmdline
                             treat every FILE (and stdin) as this type
  --release RELEASE          OpenStack release for nova.conf checks (default {0})
  --host-arch ARCH           compute host arch for nova.conf cpu_models checks (default {1})
  --cpu-map PATH             cpu_map: auto, bundled, a cpu_map directory or a legacy cpu_map.xml
                             (default {2})
  --lang en|zh-CN            message language (default from LC_ALL, LC_MESSAGES, LANG)
  -q, --quiet                print errors only
  --stack A,B,C              lint these nova.conf files as one configuration, read in this order
                             (as --config-file A --config-file B ...); repeatable
  --explain-value GROUP.KEY  print, for each stack, which file sets the option and what it overrides

Directories are searched recursively: domain XML is recognised by its <domain> root
element, nova.conf by its name (nova.conf, nova-*.conf, nova.conf.d/*.conf, etc/nova/*.conf),
modprobe.d files by their place (modprobe.d/*.conf, modprobe.conf) and kernel command lines
by theirs (etc/default/grub, kernel/cmdline); with --type only that type is searched for
(--type nova or modprobe: every *.conf). modprobe.d files under the same tree
(etc/, run/, usr/lib/, lib/) are judged together: a file hidden by one of the same name,
a value a later file sets again.
Stacks are linted merged, as nova-compute reads them: a kolla-ansible config/ folder (one
stack per nova/<host>/ folder plus one for all other hosts) and nova.conf with nova.conf.d/.

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
    'unknown-type': 'Cannot tell what kind of file {0} is; use --type domain|nova|modprobe|cmdline.',
    'not-domain': '{0}: root element is not <domain>; nothing to check.',
    'nothing-found': 'No domain XML, nova.conf, modprobe.d or kernel command line files found under {0}.',
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
  nested-virt explain [选项] 文本|文件|- （见 nested-virt explain --help）
  nested-virt --version

lint 选项：
  --format text|json|sarif   输出格式（默认 text）
  --type domain|nova|modprobe|cmdline
                             将所有文件（及标准输入）视为该类型
  --release RELEASE          nova.conf 检查所针对的 OpenStack 版本（默认 {0}）
  --host-arch ARCH           nova.conf 中 cpu_models 检查所用的计算节点架构（默认 {1}）
  --cpu-map PATH             cpu_map：auto、bundled、cpu_map 目录或旧版 cpu_map.xml（默认 {2}）
  --lang en|zh-CN            消息语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  -q, --quiet                只输出错误
  --stack A,B,C              将这些 nova.conf 文件按此顺序作为一个配置检查
                             （如同 --config-file A --config-file B ...）；可重复
  --explain-value GROUP.KEY  对每个配置栈输出该选项由哪个文件设置、覆盖了哪些值

目录会被递归搜索：根元素为 <domain> 的文件视为域 XML，
按文件名识别 nova.conf（nova.conf、nova-*.conf、nova.conf.d/*.conf、etc/nova/*.conf），
按位置识别 modprobe.d 文件（modprobe.d/*.conf、modprobe.conf）和内核命令行
（etc/default/grub、kernel/cmdline）；指定 --type 时只搜索该类型的文件
（--type nova 或 modprobe：所有 *.conf）。同一目录树（etc/、run/、usr/lib/、lib/）下的
modprobe.d 文件会一起判断：被同名文件遮蔽的文件，以及被后读文件再次设置的值。
配置栈按 nova-compute 的读取方式合并检查：kolla-ansible 的 config/ 目录（每个 nova/<主机>/
目录一个配置栈，其余主机共用一个）以及 nova.conf 加 nova.conf.d/。

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
    'unknown-type': '无法判断 {0} 是哪种文件；请使用 --type domain|nova|modprobe|cmdline。',
    'not-domain': '{0}：根元素不是 <domain>，无需检查。',
    'nothing-found': '在 {0} 下没有找到域 XML、nova.conf、modprobe.d 或内核命令行文件。',
    'summary': '共检查 {0} 个文件：{1} 个错误，{2} 个警告，{3} 个提示。',
    'cpu-map-warning': '警告：{0}',
    'severity-error': '错误',
    'severity-warning': '警告',
    'severity-info': '提示',
    'severity-hint': '建议',
  },
);

