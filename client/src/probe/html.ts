/** The probe report webview: static HTML, strict CSP, every remote string escaped. */
import type { HostReport } from '../../../shared/src/probeReport';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HtmlLabels {
  readonly title: string;
  readonly copy: string;
  readonly remediation: string;
  readonly error: string;
  readonly hint: string;
}

export function reportHtml(reports: readonly HostReport[], nonce: string, cspSource: string, l: HtmlLabels): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const body = reports.map((r, hi) => {
    const head = `<h2>${escapeHtml(r.host)}</h2>`;
    if (r.error) {
      return `${head}<p class="FAIL">${escapeHtml(l.error)}: ${escapeHtml(r.error.kind)} — ${escapeHtml(r.error.message)}</p>` +
        (r.error.hint ? `<p>${escapeHtml(l.hint)}: <code>${escapeHtml(r.error.hint)}</code></p>` : '') +
        (r.error.stderr ? `<pre>${escapeHtml(r.error.stderr)}</pre>` : '');
    }
    const f = r.facts;
    const sub = f ? `<p class="sub">${escapeHtml(f.cpu.modelName ?? f.cpu.vendorId ?? '')} · ${escapeHtml(f.kernel.release ?? '')} · ${escapeHtml(f.kernel.arch ?? '')}</p>` : '';
    const rows = r.checks.map((c, ci) => {
      const rem = c.remediation.length
        ? `<details open><summary>${escapeHtml(l.remediation)}</summary><pre>${escapeHtml(c.remediation.join('\n'))}</pre>` +
          `<button data-host="${hi}" data-check="${ci}">${escapeHtml(l.copy)}</button></details>`
        : '';
      return `<tr><td class="st ${escapeHtml(c.status)}">${escapeHtml(c.status)}</td><td><b>${escapeHtml(c.title)}</b>` +
        `<ul>${c.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>${rem}</td></tr>`;
    }).join('');
    return `${head}${sub}<table>${rows}</table>`;
  }).join('<hr>');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(l.title)}</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);}
table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border)}
.st{font-weight:bold;white-space:nowrap}.PASS{color:var(--vscode-testing-iconPassed)}.FAIL{color:var(--vscode-errorForeground)}
.WARN{color:var(--vscode-editorWarning-foreground)}.NOTE{color:var(--vscode-editorInfo-foreground)}.SKIP{opacity:.7}
pre{background:var(--vscode-textCodeBlock-background);padding:6px;white-space:pre-wrap}.sub{opacity:.8}
</style></head>
<body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-check]');
  if (b) vscode.postMessage({ type: 'copy', host: Number(b.dataset.host), check: Number(b.dataset.check) });
});
</script></body></html>`;
}
