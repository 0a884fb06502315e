/**
 * A stdio client that is not ours: headless Neovim's built-in LSP client starts
 * the bundled server, attaches to a domain XML and a nova.conf buffer, and reports
 * what it received.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers';
import { SERVER } from './lspClient';

const LUA = String.raw`
local out_path, server, xml_path, nova_path = _G.args[1], _G.args[2], _G.args[3], _G.args[4]
local result = { xml = {}, nova = {}, completion = {} }
local client_id = vim.lsp.start_client({
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(xml_path, ':h'),
  settings = { nestedVirt = { cpuMap = { path = 'bundled' } } },
})
local function open(path, ft)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = ft
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end
local xml_buf = open(xml_path, 'xml')
local nova_buf = open(nova_path, 'dosini')
local function codes(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col, message = d.message })
  end
  return list
end
vim.wait(15000, function() return #vim.diagnostic.get(xml_buf) > 0 and #vim.diagnostic.get(nova_buf) > 0 end, 50)
result.xml = codes(xml_buf)
result.nova = codes(nova_buf)
local client = vim.lsp.get_client_by_id(client_id)
local lines = vim.api.nvim_buf_get_lines(xml_buf, 0, -1, false)
for i, l in ipairs(lines) do
  local c = l:find('<model')
  if c then
    local s = l:find('>', c) -- cursor just after <model ...>
    local resp = client.request_sync('textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(xml_buf) },
      position = { line = i - 1, character = s },
    }, 10000, xml_buf)
    local items = resp and resp.result and (resp.result.items or resp.result) or {}
    for _, it in ipairs(items) do table.insert(result.completion, { label = it.label, kind = it.kind }) end
    break
  end
end
-- Where an element may start (the blank line the test put inside <domain>), snippets come too.
for i, l in ipairs(lines) do
  if l == '  ' then
    local resp = client.request_sync('textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(xml_buf) },
      position = { line = i - 1, character = 2 },
    }, 10000, xml_buf)
    local items = resp and resp.result and (resp.result.items or resp.result) or {}
    result.element = {}
    for _, it in ipairs(items) do table.insert(result.element, { label = it.label, kind = it.kind }) end
    break
  end
end
local f = io.open(out_path, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
`;

describe('a foreign stdio client: headless Neovim', function () {
  this.timeout(60000);
  let nvim: string | undefined;
  before(function () {
    const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (r.status === 0) nvim = 'nvim';
    else if (process.env.CI) assert.fail('nvim (Debian neovim) is required under CI');
    else this.skip();
  });

  it('gets diagnostics for domain XML and nova.conf, and snippet completions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvim-lsp-'));
    const xml = path.join(dir, 'vm.xml');
    // A blank line inside <domain>, where an element may start.
    fs.writeFileSync(xml, fs.readFileSync(path.join(REPO, 'examples', 'vm.xml'), 'utf8').replace('  <devices>', '  \n  <devices>'));
    const novaDir = path.join(dir, 'etc', 'nova');
    fs.mkdirSync(novaDir, { recursive: true });
    const nova = path.join(novaDir, 'nova.conf');
    fs.writeFileSync(nova, '[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\ncpu_models = Haswell\n');
    const lua = path.join(dir, 'test.lua');
    const out = path.join(dir, 'out.json');
    fs.writeFileSync(lua, `_G.args = ${JSON.stringify([out, SERVER, xml, nova]).replace('[', '{').replace(/]$/, '}')}\n${LUA}`);
    const r = spawnSync(nvim as string, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${lua}`], { encoding: 'utf8', timeout: 50000 });
    assert.ok(fs.existsSync(out), `nvim wrote no result: ${r.stderr}${r.stdout}`);
    const res = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      xml: { code: string; lnum: number; col: number }[];
      nova: { code: string }[];
      completion: { label: string; kind: number }[];
      element: { label: string; kind: number }[];
    };
    const xmlCodes = res.xml.map((d) => d.code);
    assert.ok(xmlCodes.includes('vcpu-current-exceeds'), JSON.stringify(res.xml));
    const cur = res.xml.find((d) => d.code === 'vcpu-current-exceeds')!;
    assert.deepEqual([cur.lnum, cur.col], [5, 36]);
    assert.ok(res.nova.some((d) => d.code === 'nova-cpu-models-without-custom'), JSON.stringify(res.nova));
    const labels = res.completion.map((c) => c.label);
    assert.ok(labels.includes('Skylake-Server-IBRS'));
    // Neovim cannot read snippets/*.json, so the server sends snippets itself (kind 15 = Snippet).
    assert.ok(!res.completion.some((c) => c.kind === 15), 'no snippets inside <model> text');
    assert.ok(res.element.some((c) => c.kind === 15), `snippet items for a non-VS Code client: ${JSON.stringify(res.element)}`);
  });
});
