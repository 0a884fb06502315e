import * as assert from 'node:assert/strict';
import { domainXmlKind } from '../../../server/src/lang/domain/detect';
import { classify } from '../../../server/src/facade/service';

describe('domain XML detection (one function for the editor and the CLI)', () => {
  it('reads the root element after blanks, a BOM, the prolog, comments and a doctype', () => {
    assert.equal(domainXmlKind("<domain type='kvm'/>"), 'domain');
    assert.equal(domainXmlKind("\ufeff\n  <?xml version='1.0'?>\n<!-- made by virsh dumpxml -->\n<!DOCTYPE domain>\n<domain type='kvm'>"), 'domain');
    assert.equal(domainXmlKind('<network><name>default</name></network>'), 'other-xml');
    assert.equal(domainXmlKind('<'), 'other-xml');
    assert.equal(domainXmlKind('hello <domain>'), undefined);
    assert.equal(domainXmlKind('[libvirt]\ncpu_mode = host-model\n'), undefined);
    assert.equal(domainXmlKind(''), undefined);
  });

  it('the façade classifies with it, then falls back to the nova.conf path test', () => {
    assert.equal(classify('xml', "\ufeff<domain type='kvm'/>", 'file:///srv/vm.xml'), 'domain');
    assert.equal(classify('plaintext', 'hello <domain>', 'file:///etc/nova/nova.conf'), 'nova');
    assert.equal(classify('xml', '<network/>', 'file:///etc/nova/nova.conf'), 'none');
  });
});
