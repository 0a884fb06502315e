import { defineMessages } from '../core/l10n';

/** Messages the façade adds around every language: the findings cap and the size limit. */
export const facadeMessages = defineMessages(
  {
    'findings-capped': '{0} more findings are not shown: past {1} per document, more findings only bury the first ones, which are the ones to fix.',
    'document-too-large': 'This document is {0} MB, over the {1} MB nested-virt checks; it is not analysed.',
  },
  {
    'findings-capped': '还有 {0} 条问题未显示：每个文档超过 {1} 条后，更多问题只会掩盖最先出现、最需要修复的那些。',
    'document-too-large': '此文档大小为 {0} MB，超过 nested-virt 检查的上限 {1} MB；未进行分析。',
  },
);
