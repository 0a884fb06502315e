import * as assert from 'node:assert/strict';
import { attribute, elementAt, parseXml, rootElementName, textContent } from '../../server/src/lang/xml';

describe('tolerant XML parser', () => {
  it('keeps exact offsets of attribute values and text', () => {
    const text = `<domain type='kvm'>\n  <cpu mode="custom"><model fallback='allow'> Haswell </model></cpu>\n</domain>\n`;
    const xml = parseXml(text);
    assert.equal(xml.errors.length, 0);
    const cpu = xml.root!.children[0];
    const mode = attribute(cpu, 'mode')!;
    assert.equal(text.slice(mode.valueStart, mode.valueEnd), 'custom');
    const model = cpu.children[0];
    const t = textContent(model)!;
    assert.equal(t.value, 'Haswell');
    assert.equal(text.slice(t.start, t.end), 'Haswell');
    assert.equal(model.closed, true);
    assert.equal(xml.root!.closed, true);
  });

  it('decodes entities in values but keeps raw ranges', () => {
    const xml = parseXml(`<a b='x &amp; y'>1 &lt; 2</a>`);
    assert.equal(attribute(xml.root!, 'b')!.value, 'x & y');
    assert.equal(textContent(xml.root!)!.value, '1 < 2');
  });

  it('reports an unclosed element and still builds the tree', () => {
    const text = `<domain>\n  <cpu mode='host-model'>\n    <model>Sky`;
    const xml = parseXml(text);
    const codes = xml.errors.map((e) => e.code);
    assert.deepEqual(codes.filter((c) => c === 'xml-unclosed-element').length, 3);
    const cpu = xml.root!.children[0];
    assert.equal(attribute(cpu, 'mode')!.value, 'host-model');
    assert.equal(textContent(cpu.children[0])!.value, 'Sky');
  });

  it('a half-typed attribute at the end does not swallow the elements above', () => {
    const text = `<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>Haswell</model>\n  </cpu>\n  <vcpu placement='sta`;
    const xml = parseXml(text);
    const [cpu, vcpu] = xml.root!.children;
    assert.equal(cpu.name, 'cpu');
    assert.equal(cpu.closed, true);
    assert.equal(vcpu.name, 'vcpu');
    const placement = attribute(vcpu, 'placement')!;
    assert.equal(placement.valueClosed, false);
    assert.equal(placement.value, 'sta');
    assert.ok(xml.errors.some((e) => e.code === 'xml-unclosed-quote'));
  });

  it('an unclosed quote stops at the next tag, so later elements survive', () => {
    const text = `<domain>\n<cpu mode='custom>\n<model>Haswell</model>\n</cpu>\n</domain>`;
    const xml = parseXml(text);
    const cpu = xml.root!.children[0];
    assert.equal(attribute(cpu, 'mode')!.value, 'custom>');
    assert.equal(cpu.children[0].name, 'model');
    assert.ok(xml.errors.some((e) => e.code === 'xml-unclosed-quote'));
  });

  it('recovers from a mismatched end tag', () => {
    const text = `<domain><cpu><model>x</cpu><vcpu>2</vcpu></domain>`;
    const xml = parseXml(text);
    assert.deepEqual(xml.root!.children.map((c) => c.name), ['cpu', 'vcpu']);
    const err = xml.errors.find((e) => e.code === 'xml-unclosed-element')!;
    assert.equal(text.slice(err.start, err.end), 'model');
  });

  it('flags stray end tags, duplicate attributes and bare ampersands', () => {
    const xml = parseXml(`<a x='1' x='2'>A & B</b></a>`);
    assert.deepEqual(xml.errors.map((e) => e.code).sort(), ['xml-bad-entity', 'xml-duplicate-attribute', 'xml-unexpected-end-tag']);
  });

  it('skips prolog, comments, doctype and CDATA', () => {
    const text = `<?xml version="1.0"?>\n<!-- virsh dumpxml -->\n<!DOCTYPE domain>\n<domain><description><![CDATA[a < b]]></description></domain>`;
    assert.equal(rootElementName(text), 'domain');
    const xml = parseXml(text);
    assert.equal(xml.errors.length, 0);
    assert.equal(textContent(xml.root!.children[0])!.value, 'a < b');
  });

  it('finds the innermost element at an offset', () => {
    const text = `<domain><cpu><model>Haswell</model></cpu></domain>`;
    const xml = parseXml(text);
    assert.equal(elementAt(xml, text.indexOf('Has'))!.name, 'model');
    assert.equal(elementAt(xml, text.indexOf('<model'))!.name, 'cpu');
  });

  it('rootElementName is cheap and exact', () => {
    assert.equal(rootElementName(`<network><name>default</name></network>`), 'network');
    assert.equal(rootElementName(`   `), undefined);
  });

  it('never throws on garbage', () => {
    for (const s of ['<', '</', '<<<>>>', '<a b=>', "<a b='", '<!--', '<![CDATA[', '<?x', '&#99999999999;', '<a><b></a></b>']) {
      assert.doesNotThrow(() => parseXml(s));
    }
  });

  it("finds a duplicate among many attributes, and forgets each tag's names at the next tag", () => {
    const many = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}='${i}'`).join(' ');
    const xml = parseXml(`<r><x ${many(20)} a3='again'/><y ${many(18)}/><z ${many(17)} a16='x'/></r>`);
    const dups = xml.errors.filter((e) => e.code === 'xml-duplicate-attribute').map((e) => e.args[0]);
    assert.deepEqual(dups, ['a3', 'a16']);
    const [x, y, z] = xml.root!.children;
    assert.deepEqual([x.attributes.length, y.attributes.length, z.attributes.length], [21, 18, 18]);
  });

  it('reads repeated and look-alike short values exactly (names and values are reused across tags)', () => {
    const xml = parseXml(`<r><a v='axc' w='abc'/><a v='abc' w='axc'/><b v='' w='0x00'/><b v='0x10' w='0x00'/></r>`);
    const got = xml.root!.children.map((e) => e.attributes.map((a) => `${a.name}=${a.value}`).join(' '));
    assert.deepEqual(got, ['v=axc w=abc', 'v=abc w=axc', 'v= w=0x00', 'v=0x10 w=0x00']);
    assert.equal(xml.root!.children[0].children.length, 0);
    assert.equal(xml.root!.children[0].texts.length, 0);
  });
});
