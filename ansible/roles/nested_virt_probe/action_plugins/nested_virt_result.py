# Writes one host's probe result on the controller, as `ansible --tree` would:
# DIR/INVENTORY_HOSTNAME, JSON, mode 0600 (nova.conf in it holds credentials).
#
# Why an action plugin and not ansible.builtin.copy: copy runs the stat and copy
# modules, each a new Python process, for every host: about 1.8 s of controller
# CPU per host on the machine the README's figures come from. This runs inside
# the worker Ansible already forked, and is part of the role (no collection).
import json
import os
import tempfile

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

DROP = ('stdout_lines', 'stderr_lines', 'invocation', '_ansible_no_log')


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('dir', 'host', 'result'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        directory, host, data = args.get('dir'), args.get('host'), args.get('result')
        if not isinstance(directory, str) or not os.path.isabs(directory):
            raise AnsibleActionFail('dir must be an absolute path on the controller')
        if not isinstance(host, str) or not host or host.startswith('.') or '/' in host or '\0' in host or len(host) > 255:
            raise AnsibleActionFail('host is not usable as a file name: %r' % (host,))
        if not isinstance(data, dict):
            raise AnsibleActionFail('result must be the registered result of the probe')
        doc = dict((k, v) for k, v in data.items() if k not in DROP)
        os.makedirs(directory, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(prefix='.tmp-', dir=directory)
        try:
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                json.dump(doc, f)
            os.chmod(tmp_path, 0o600)
            os.replace(tmp_path, os.path.join(directory, host))
        except BaseException:
            if os.path.exists(tmp_path):
                os.unlink(tmp_path)
            raise
        result['changed'] = True
        result['dest'] = os.path.join(directory, host)
        return result
