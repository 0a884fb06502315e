/**
 * The probe report webview: static HTML, strict CSP, every remote string escaped.
 * A verdict banner per host, a summary table (one row per host for a fleet, the
 * check counts for one host), then each host's checks with their remediation.
 */
import type { FleetReport } from '../../../shared/src/fleetReport';
import type { CheckStatus, HostReport } from '../../../shared/src/probeReport';
import { moduleText, VERDICT_CLASS, verdictOf, type Verdict } from './verdict';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HtmlLabels {
  readonly title: string;
  readonly copy: string;
  readonly copied: string;
  readonly remediation: string;
  readonly error: string;
  readonly hint: string;
  readonly verdict: Readonly<Record<Verdict, string>>;
  /** Column heads of the fleet table: host, verdict, CPU, kvm module, failing checks. */
  readonly columns: readonly [string, string, string, string, string];
  readonly noModule: string;
  readonly blockedBy: string;
}

const STATUSES: readonly CheckStatus[] = ['FAIL', 'WARN', 'NOTE', 'PASS', 'SKIP'];

function banner(r: HostReport, l: HtmlLabels): string {
  const v = verdictOf(r);
  const why = v === 'blocked' && r.blockReasons.length
    ? ` <span class="sub">${escapeHtml(l.blockedBy)}: ${r.checks.filter((c) => r.blockReasons.includes(c.id)).map((c) => escapeHtml(c.title)).join(', ')}</span>`
    : '';
  return `<div class="banner ${VERDICT_CLASS[v]}" role="status"><b>${escapeHtml(r.host)}</b>: ${escapeHtml(l.verdict[v])}${why}</div>`;
}

function counts(r: HostReport): string {
  return STATUSES.map((s) => [s, r.checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<td class="st ${s}">${s} ${n}</td>`)
    .join('');
}

function fleetTable(reports: readonly HostReport[], l: HtmlLabels): string {
  const head = `<tr>${l.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = reports.map((r, i) => {
    const v = verdictOf(r);
    const toActOn = [...r.checks.filter((c) => c.status === 'FAIL'), ...r.checks.filter((c) => c.status === 'WARN')];
    const failing = r.error ? `${r.error.kind}: ${r.error.message}` : toActOn.map((c) => c.title).join(', ');
    return `<tr><td><a href="#host-${i}">${escapeHtml(r.host)}</a></td><td class="st ${VERDICT_CLASS[v]}">${escapeHtml(l.verdict[v])}</td>` +
      `<td>${escapeHtml(r.facts?.cpu.modelName ?? r.facts?.cpu.vendor ?? '')}</td><td>${escapeHtml(moduleText(r, l.noModule))}</td><td>${escapeHtml(failing)}</td></tr>`;
  }).join('');
  return `<table class="summary">${head}${rows}</table>`;
}

function hostSection(r: HostReport, hi: number, l: HtmlLabels, fleet: boolean): string {
  const head = `<h2 id="host-${hi}">${escapeHtml(r.host)}</h2>${fleet ? banner(r, l) : ''}`;
  if (r.error) {
    return `${head}<p class="FAIL">${escapeHtml(l.error)}: ${escapeHtml(r.error.kind)} — ${escapeHtml(r.error.message)}</p>` +
      (r.error.hint ? `<p>${escapeHtml(l.hint)}: <code>${escapeHtml(r.error.hint)}</code></p>` : '') +
      (r.error.stderr ? `<pre>${escapeHtml(r.error.stderr)}</pre>` : '');
  }
  const f = r.facts;
  const sub = f ? `<p class="sub">${escapeHtml(f.cpu.modelName ?? f.cpu.vendorId ?? '')} · ${escapeHtml(f.kernel.release ?? '')} · ${escapeHtml(f.kernel.arch ?? '')} · ${escapeHtml(moduleText(r, l.noModule))}</p>` : '';
  const rows = r.checks.map((c, ci) => {
    const rem = c.remediation.length
      ? `<details open><summary>${escapeHtml(l.remediation)}</summary><pre>${escapeHtml(c.remediation.join('\n'))}</pre>` +
        `<button data-host="${hi}" data-check="${ci}">${escapeHtml(l.copy)}</button></details>`
      : '';
    return `<tr><td class="st ${escapeHtml(c.status)}">${escapeHtml(c.status)}</td><td><b>${escapeHtml(c.title)}</b>` +
      `<ul>${c.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>${rem}</td></tr>`;
  }).join('');
  return `${head}${sub}<table>${rows}</table>`;
}


/** The fleet summary: verdict counts, groups with their remediation, the baseline and migration warnings. */
export function fleetHtml(f: FleetReport): string {
  const c = f.counts;
  const counts = `<p>${(['ready', 'attention', 'blocked', 'error'] as const).map((v) => `<span class="st ${VERDICT_CLASS[v]}">${escapeHtml(v)}</span> ${c[v]}`).join(' · ')}</p>`;
  const groups = f.groups.map((g) => `<tr><td class="st ${VERDICT_CLASS[g.verdict]}">${escapeHtml(g.verdict)}</td><td><b>${escapeHtml(g.reasons.join(' + '))}</b> (${g.hosts.length}): ${escapeHtml(g.summary)}` +
    `<br><small>${escapeHtml(g.hosts.join(', '))}</small>${g.remediation.length ? `<pre>${escapeHtml(g.remediation.join('\n'))}</pre>` : ''}</td></tr>`).join('');
  const baselines = [...(f.baseline ? [f.baseline] : []), ...f.vendorBaselines].filter((b) => b.cpuModels)
    .map((b) => `<pre>${escapeHtml([`# ${b.scope} (${b.hosts.length})`, '[libvirt]', 'cpu_mode = custom', b.cpuModels ?? '', ...(b.extraFlags ? [b.extraFlags] : [])].join('\n'))}</pre>`).join('');
  const warnings = f.warnings.map((w) => `<li class="${w.severity === 'warning' ? 'WARN' : 'NOTE'}">${escapeHtml(w.message)}</li>`).join('');
  return `<section class="fleet">${counts}${groups ? `<table>${groups}</table>` : ''}${baselines}${warnings ? `<ul>${warnings}</ul>` : ''}</section><hr>`;
}

/** `summary`: the server's fleet report (groups, baseline, migration warnings), shown under the fleet table. */
export function reportHtml(reports: readonly HostReport[], nonce: string, cspSource: string, l: HtmlLabels, summary?: FleetReport): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const fleet = reports.length > 1;
  const top = fleet
    ? fleetTable(reports, l) + (summary ? fleetHtml(summary) : '')
    : reports.map((r) => `${banner(r, l)}${r.error ? '' : `<table class="summary"><tr>${counts(r)}</tr></table>`}`).join('');
  const body = top + reports.map((r, hi) => hostSection(r, hi, l, fleet)).join('<hr>');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(l.title)}</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);}
table{border-collapse:collapse;width:100%}td,th{vertical-align:top;text-align:left;padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border)}
table.summary{width:auto;margin:8px 0 16px}
.banner{padding:8px 12px;margin:8px 0;border-left:4px solid currentColor;background:var(--vscode-textBlockQuote-background)}
.st{font-weight:bold;white-space:nowrap}.PASS{color:var(--vscode-testing-iconPassed)}.FAIL{color:var(--vscode-errorForeground)}
.WARN{color:var(--vscode-editorWarning-foreground)}.NOTE{color:var(--vscode-editorInfo-foreground)}.SKIP{opacity:.7}
.banner .sub{color:var(--vscode-foreground)}
pre{background:var(--vscode-textCodeBlock-background);padding:6px;white-space:pre-wrap}.sub{opacity:.8}
</style></head>
<body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const copied = ${JSON.stringify(l.copied).replace(/</g, '\\u003c')};
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-check]');
  if (!b) return;
  vscode.postMessage({ type: 'copy', host: Number(b.dataset.host), check: Number(b.dataset.check) });
  const label = b.textContent;
  b.textContent = copied;
  b.disabled = true;
  setTimeout(() => { b.textContent = label; b.disabled = false; }, 2000);
});
</script></body></html>`;
}
