import { defineMessages } from '../core/l10n';

/** The language server's command line (its LSP messages are the features' catalogs). */
export const lspMessages = defineMessages(
  {
    'usage': `Usage: nested-virt-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Language server for libvirt domain XML <cpu> and nova.conf [libvirt].

Options:
  --stdio | --node-ipc | --socket=PORT | --pipe=NAME   transport (one of them)
  --clientProcessId PID      exit when this process exits
  --version                  print the version and exit
  -h, --help                 print this help and exit

Exit status: 2 bad usage.`,
    'unknown-option': 'Unknown option "{0}".',
    'missing-value': 'Option {0} needs a value.',
  },
  {
    'usage': `用法：nested-virt-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

libvirt 域 XML <cpu> 与 nova.conf [libvirt] 的语言服务器。

选项：
  --stdio | --node-ipc | --socket=PORT | --pipe=NAME   传输方式（任选其一）
  --clientProcessId PID      该进程退出时随之退出
  --version                  输出版本后退出
  -h, --help                 输出本帮助后退出

退出码：2 用法错误。`,
    'unknown-option': '未知选项 "{0}"。',
    'missing-value': '选项 {0} 需要一个值。',
  },
);
